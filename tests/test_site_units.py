"""The pure parts of the site: badges, labels, front matter, plain text (routes through
pathways and their diagram: test_pathway_units.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from mkdocs.utils.meta import get_data

from microcred.badge import badge_files, colour, initials, wrap
from microcred.display import label, money
from microcred.jsonld import issuer_jsonld
from microcred.markdown import render_markdown
from microcred.ob3 import achievement
from microcred.pages import PageSpec, page_source, plan_pages
from microcred.pipeline import load_catalog
from microcred.plain_text import plain_text
from microcred.site_urls import SiteUrls

from conftest import REPO

BADGE_TEMPLATES = REPO / "overrides" / "badges"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO).catalog


def test_long_titles_wrap_on_a_badge_and_end_in_an_ellipsis():
    lines = wrap("A very long credential title that goes on and on far beyond what a box can hold", 20, 3)
    assert len(lines) == 3 and lines[-1].endswith("…") and all(len(line) <= 20 for line in lines)


def test_initials_skip_small_words():
    assert initials("Open Teaching Collective") == "OTC"
    assert initials("Lakeside University School of Education") == "LUS"
    assert initials("The Board of Education") == "BE"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_badge_colour_is_stable_and_white_text_on_it_is_readable():
    assert colour("northwind-schools") == colour("northwind-schools") != colour("lakeside-university")
    for issuer_id in (f"issuer-{n}" for n in range(200)):
        assert 1.05 / (_luminance(colour(issuer_id)) + 0.05) >= 4.5, issuer_id


def test_generated_badge_escapes_the_title(catalog):
    hostile = replace(catalog.credentials["number-talks"], title='<script>alert(1)</script> & "x"')
    catalog = replace(catalog, credentials={**catalog.credentials, "number-talks": hostile})
    svg = badge_files(catalog, BADGE_TEMPLATES)["badges/number-talks.svg"]
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in svg


def test_badges_are_generated_only_for_credentials_without_image(catalog):
    paths = set(badge_files(catalog, BADGE_TEMPLATES))
    assert "badges/exit-tickets.svg" not in paths and "badges/computational-thinking.svg" not in paths
    assert len(paths) == len(catalog.credentials) - 2


@pytest.mark.parametrize("value, text", [
    ("student-work", "Student work"), ("k-2", "K–2"), ("9-12", "Grades 9–12"), ("higher-ed-faculty", "Higher ed faculty"),
])
def test_vocabulary_values_read_as_labels(value, text):
    assert label(value) == text


def test_money_says_free_and_keeps_cents_only_when_needed():
    assert (money(0, "USD"), money(25, "USD"), money(12.5, "EUR"), money(1200, "USD")) == (
        "Free", "$25", "€12.50", "$1,200",
    )


@pytest.mark.parametrize("text", [
    "Exit Tickets \U0001F600 for \U0001D4DCaths \u4e2d\u6587 \U0001F469\u200d\U0001F3EB",
    'Quotes " and \\ backslashes \\" \\n',
    "two\nlines\r\n---\n...\n--- and a tab\t",
    "yes", "null", "~", "--- x: y # not a comment", "&anchor *alias !tag %YAML @at `tick` {a: 1} [b]",
    "line breaks YAML knows: \x85 \u2028 \u2029, and \ufffe",
], ids=["emoji and astral", "quotes and backslashes", "newlines and front matter fences", "yes", "null", "tilde",
        "fence and comment", "YAML indicators", "YAML line breaks and a noncharacter"])
def test_page_front_matter_reads_back_unchanged_with_mkdocs_parser(text):
    source = page_source(PageSpec("credentials/x.md", "credential.html", text, text, "credential", "x"))
    body, meta = get_data(source)
    assert (body, meta) == ("", {"template": "credential.html", "title": text, "description": text})


def test_page_front_matter_keeps_emoji_as_written_not_as_surrogate_escapes():
    source = page_source(PageSpec("credentials/x.md", "credential.html", "Tickets \U0001F600", "\U0001D54F", "credential", "x"))
    assert source == '---\ntemplate: credential.html\ntitle: "Tickets \U0001F600"\ndescription: "\U0001D54F"\n---\n'


def test_plain_text_keeps_the_words_of_markup_and_decodes_entities():
    html = render_markdown("Acme **trains** [coaches](https://acme.example.org) & `staff` <b>x</b>.").html
    assert plain_text(html) == "Acme trains coaches & staff x."


def test_plain_text_separates_paragraphs_list_items_and_table_cells():
    html = render_markdown("One.\nTwo  \nThree\n\n- a\n- b\n\n| h | i |\n|---|---|\n| 1 | 2 |\n").html
    assert plain_text(html) == "One. Two Three a b h i 1 2"


@pytest.fixture
def markdown_issuer(catalog):
    issuer = catalog.issuers["northwind-schools"]
    description = render_markdown("Northwind **serves** [families](https://northwind.example.org/) &amp; staff. More\n\n- here")
    return replace(issuer, description=description)


def test_issuer_meta_description_is_the_first_plain_sentence(catalog, markdown_issuer):
    catalog = replace(catalog, issuers={**catalog.issuers, markdown_issuer.id: markdown_issuer})
    (spec,) = [spec for spec in plan_pages(catalog) if spec.kind == "issuer" and spec.item_id == markdown_issuer.id]
    assert spec.description == "Northwind serves families & staff."


def test_issuer_jsonld_description_is_plain_text(markdown_issuer):
    data = issuer_jsonld(markdown_issuer, SiteUrls.for_site("https://example.org/"))
    assert data["description"] == "Northwind serves families & staff. More here"


def test_open_badges_profile_description_is_plain_text(catalog, markdown_issuer):
    credential = catalog.credentials["exit-tickets"]
    document = achievement(credential, markdown_issuer, SiteUrls.for_site("https://example.org/"))
    assert document["creator"]["description"] == "Northwind serves families & staff. More here"
