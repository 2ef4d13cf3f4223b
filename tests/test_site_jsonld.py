"""schema.org JSON-LD in the built pages, and the serialiser that keeps it inside its <script>."""

from __future__ import annotations

import json

import pytest

from microcred.jsonld import iso_duration, script_json

from conftest import SITE_URL
from site_html import load_page

QWT = "credentials/questioning-wait-time/"


def test_credential_jsonld_parses_and_matches_the_page(rich_site):
    page = load_page(rich_site, QWT)
    data = page.jsonld()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "EducationalOccupationalCredential"
    assert data["name"] == page.h1s()[0] == 'Questioning & "Wait Time" Strategies'
    assert data["description"] == page.meta("description")
    assert data["url"] == page.link("canonical") == SITE_URL + QWT
    assert data["competencyRequired"] == page.main.find(class_="mc-competency__statement").text()
    assert data["credentialCategory"] == "Micro-credential"
    assert data["educationalLevel"] == ["Grades 3–5", "Grades 6–8", "Grades 9–12", "Postsecondary"]
    assert data["timeRequired"] == "PT6H"
    assert data["offers"]["price"] == 25 and data["offers"]["priceCurrency"] == "USD"
    assert data["provider"]["name"] == page.main.find(class_="mc-eyebrow").find("a").text()
    assert data["dateModified"] == "2023-10-16"
    assert data["image"] == SITE_URL + "badges/questioning-wait-time.svg"


def test_jsonld_of_a_title_with_ampersand_escapes_it_inside_the_script(rich_site):
    page = load_page(rich_site, QWT)
    (script,) = page.dom.find_all("script", type="application/ld+json")
    body = script.text()
    assert "Questioning \\u0026 \\\"Wait Time\\\" Strategies" in body
    assert "&" not in body and "<" not in body


def test_retired_credential_jsonld_is_marked_retired(rich_site):
    data = load_page(rich_site, "credentials/exit-slips/").jsonld()
    assert data["creativeWorkStatus"] == "Retired"
    assert data["timeRequired"] == "PT1H30M"
    assert data["offers"]["price"] == 0
    assert data["dateModified"] == "2022-01-10"


def test_pathway_jsonld_is_an_item_list_of_its_credentials(rich_site):
    page = load_page(rich_site, "pathways/assessment-for-learning/")
    data = page.jsonld()
    assert data["@type"] == "ItemList" and data["name"] == page.h1s()[0]
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3, 4, 5]
    assert [item["url"] for item in items] == [
        SITE_URL + f"credentials/{cid}/"
        for cid in ("exit-tickets", "questioning-wait-time", "number-talks", "close-reading", "data-driven-plc")
    ]
    for item in items:
        assert (rich_site / item["url"].removeprefix(SITE_URL) / "index.html").is_file()


def test_issuer_and_other_pages_carry_jsonld_too(rich_site):
    assert load_page(rich_site, "issuers/northwind-schools/").jsonld()["@type"] == "Organization"
    home = load_page(rich_site, "").jsonld()
    assert home["@type"] == "WebSite" and home["url"] == SITE_URL
    assert load_page(rich_site, "about/").jsonld()["@type"] == "WebPage"


def test_script_json_cannot_close_its_script_element():
    text = script_json({"name": "</script><script>alert(1)</script> & <!-- \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!-- \u2028"}


@pytest.mark.parametrize("hours, duration", [(6, "PT6H"), (4.5, "PT4H30M"), (0.25, "PT15M"), (1.5, "PT1H30M"), (12.75, "PT12H45M")])
def test_hours_become_an_iso_8601_duration(hours, duration):
    assert iso_duration(hours) == duration
