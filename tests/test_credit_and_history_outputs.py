"""Credit and version history where educators and other systems read them: the credential
page, the JSON API, the feed and the Open Badges 3.0 achievement (rich fixture site)."""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET

import yaml

from conftest import RICH, SITE_URL
from site_html import load_page

ATOM = "{http://www.w3.org/2005/Atom}"
PAGE = "credentials/exit-tickets/"


def fixture(credential_id: str) -> dict:
    [path] = RICH.glob(f"*/credentials/{credential_id}.yml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def api(site, credential_id: str) -> dict:
    return json.loads((site / f"api/v1/credentials/{credential_id}.json").read_text(encoding="utf-8"))["credential"]


def section(site, path: str, heading_id: str):
    return load_page(site, path).main.find("section", **{"aria-labelledby": heading_id})


def test_at_a_glance_shows_each_credit_with_who_recognises_it(rich_site):
    facts = section(rich_site, PAGE, "facts")
    first, second = fixture("exit-tickets")["credit"]
    lines = [dd.text() for dd in facts.find_all("dd")]
    assert "Credit" in [dt.text() for dt in facts.find_all("dt")]
    assert f"{first['value']} continuing-education units, recognised by {first['recognized_by']}" in lines
    assert f"{second['value']} clock hours" in lines
    link = next(a for a in facts.find_all("a") if a.text() == first["recognized_by"])
    assert link.attrs["href"] == first["url"]


def test_page_without_credit_has_no_credit_line(rich_site):
    facts = section(rich_site, "credentials/number-talks/", "facts")
    assert "Credit" not in [dt.text() for dt in facts.find_all("dt")]


def test_version_history_lists_the_changes_newest_first(rich_site):
    history = section(rich_site, PAGE, "version-history")
    items = [li.text() for li in history.find_all("li")]
    changes = fixture("exit-tickets")["changes"]
    assert len(items) == len(changes)
    for item, change in zip(items, changes, strict=True):
        assert item.startswith(f"Version {change['version']},") and item.endswith(change["summary"])
    assert [t.attrs["datetime"] for t in history.find_all("time")] == [str(c["date"]) for c in changes]


def test_page_without_changes_has_no_version_history(rich_site):
    assert 'id="version-history"' not in load_page(rich_site, "credentials/number-talks/").html


def test_api_carries_ctid_credit_and_changes(rich_site):
    credential, definition = api(rich_site, "exit-tickets"), fixture("exit-tickets")
    assert credential["ctid"] == definition["ctid"]
    assert credential["credit"][0] == {**definition["credit"][0]}
    assert credential["credit"][1] == {"recognized_by": None, "url": None, **definition["credit"][1]}
    assert credential["changes"] == [{**c, "date": str(c["date"])} for c in definition["changes"]]
    assert credential["urls"]["ctdl"] == f"{SITE_URL}ctdl/credentials/exit-tickets.json"


def test_api_gives_the_derived_ctid_and_empty_lists_when_the_definition_has_none(rich_site):
    credential = api(rich_site, "number-talks")
    assert credential["ctid"] == f"ce-{uuid.uuid5(uuid.NAMESPACE_URL, f'{SITE_URL}credentials/number-talks/')}"
    assert (credential["credit"], credential["changes"]) == ([], [])


def test_feed_entry_content_lists_credit_and_version_history(rich_site):
    feed = ET.parse(rich_site / "feed.xml").getroot()
    entry = next(e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == f"{SITE_URL}{PAGE}")
    content = entry.find(f"{ATOM}content")
    definition = fixture("exit-tickets")
    assert content.get("type") == "text"
    lines = content.text.splitlines()
    assert lines[0] == f"Credit: {definition['credit'][0]['value']} continuing-education units, recognised by {definition['credit'][0]['recognized_by']}"
    assert lines[2:] == [f"Version {c['version']} ({c['date']}): {c['summary']}" for c in definition["changes"]]


def test_achievement_carries_credit_ctid_and_version(rich_site):
    document = json.loads((rich_site / "ob3/exit-tickets.json").read_text(encoding="utf-8"))
    definition = fixture("exit-tickets")
    assert document["creditsAvailable"] == definition["credit"][0]["value"]
    assert document["otherIdentifier"] == [{"type": "IdentifierEntry", "identifier": definition["ctid"], "identifierType": "ext:CTID"}]
    assert document["version"] == definition["version"]
    assert "creditsAvailable" not in json.loads((rich_site / "ob3/number-talks.json").read_text(encoding="utf-8"))
