"""The Atom feed of the built sample site, read with a real feed parser."""

from __future__ import annotations

import feedparser
import pytest
import yaml

from conftest import RICH, SITE_URL, published_ids


@pytest.fixture(scope="module")
def feed(rich_site):
    return feedparser.parse((rich_site / "feed.xml").read_bytes())


def last_change(credential_id: str) -> str:
    """The sample definition's `updated` date, or `published` when it has none."""
    [path] = RICH.glob(f"*/credentials/{credential_id}.yml")
    definition = yaml.safe_load(path.read_text())
    return str(definition.get("updated") or definition["published"])


def test_feed_parses_as_atom_without_errors(feed):
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"


def test_feed_has_an_entry_per_published_credential_and_pathway(feed):
    assert len(feed.entries) == len(published_ids(RICH, "credentials")) + len(published_ids(RICH, "pathways"))
    assert not [e for e in feed.entries if "student-self-assessment" in e.link]


def test_feed_lists_newest_first(feed):
    dates = [entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.feed.updated_parsed == dates[0]


def test_feed_links_are_absolute_and_point_at_published_pages(feed, rich_site):
    assert feed.feed.links[0].rel == "self" and feed.feed.links[0].href == f"{SITE_URL}feed.xml"
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL) and entry.id == entry.link
        assert (rich_site / entry.link.removeprefix(SITE_URL) / "index.html").is_file(), entry.link


def test_credential_entry_carries_dates_author_summary_and_subjects(feed):
    [entry] = [e for e in feed.entries if e.link == f"{SITE_URL}credentials/questioning-wait-time/"]
    assert entry.title == 'Questioning & "Wait Time" Strategies'
    assert entry.updated.startswith(last_change("questioning-wait-time"))
    assert entry.author == "Lakeside University School of Education"
    assert entry.summary.startswith("Plan higher-order questions")
    assert [tag.term for tag in entry.tags] == ["assessment", "literacy", "science"]


def test_pathway_entry_is_dated_by_its_newest_credential_change(feed):
    [entry] = [e for e in feed.entries if e.link == f"{SITE_URL}pathways/assessment-for-learning/"]
    credentials = ["exit-tickets", "questioning-wait-time", "number-talks", "close-reading", "data-driven-plc"]
    assert entry.updated.startswith(max(last_change(c) for c in credentials))
    assert "published" not in entry
