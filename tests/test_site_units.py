"""The pure parts of the site: badges, labels, front matter, plain text (routes through
pathways and their diagram: test_pathway_units.py)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from microcred.badge import badge_files, colour, initials, wrap
from microcred.display import label, money
from microcred.jsonld import issuer_jsonld
from microcred.markdown import render_markdown
from microcred.ob3 import achievement
from microcred.pages import PageSpec, page_source, plan_pages
from microcred.plain_text import plain_text
from microcred.site_urls import SiteUrls

from conftest import REPO

BADGE_TEMPLATES = REPO / "overrides" / "badges"


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


def test_an_issuers_badge_colour_is_the_hue_its_id_hashes_to():
    """The same id gives the same colour in every build and on every machine (no salted hash).

    northwind-schools: sha256 starts ad 43, so the hue is 0xad43 / 65536 = 44355 / 65536
    = 0.6768 (243.6 degrees, between blue and magenta). At lightness 0.28 and saturation
    0.55 the strongest channel is 0.28 * 1.55 = 0.434 (x 255 = 110.7 -> 0x6f, blue) and
    the weakest 2 * 0.28 - 0.434 = 0.126 (32.1 -> 0x20, green); red is 3.6 degrees into
    the 60 rising from blue to magenta: 0.126 + 0.308 * 3.65 / 60 = 0.1447 (36.9 -> 0x25).
    lakeside-university: f0 a5, 61605 / 65536 = 338.4 degrees, between magenta and red:
    red strongest (0x6f), green weakest (0x20), blue falling: 0.126 + 0.308 * 21.6 / 60
    = 0.2368 (60.4 -> 0x3c)."""
    assert (colour("northwind-schools"), colour("lakeside-university")) == ("#25206f", "#6f203c")


@given(st.text(min_size=1, max_size=40))
def test_white_text_on_the_badge_colour_of_any_issuer_meets_wcag_aa(issuer_id):
    """The badge writes its initials and title in white: a contrast of at least 4.5:1."""
    badge = colour(issuer_id)
    assert re.fullmatch(r"#[0-9a-f]{6}", badge)
    assert 1.05 / (_luminance(badge) + 0.05) >= 4.5, badge


def test_generated_badge_escapes_the_title(catalog):
    hostile = replace(catalog.credentials["number-talks"], title='<script>alert(1)</script> & "x"')
    catalog = replace(catalog, credentials={**catalog.credentials, "number-talks": hostile})
    svg = badge_files(catalog, BADGE_TEMPLATES)["badges/number-talks.svg"]
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in svg


def test_badges_are_generated_only_for_credentials_without_image(catalog):
    with_image = {c.id for c in catalog.credentials.values() if c.image}
    assert with_image  # the rich fixture gives some credentials an image of their own
    assert set(badge_files(catalog, BADGE_TEMPLATES)) == {
        f"badges/{c.id}.svg" for c in catalog.credentials.values() if c.id not in with_image}


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
    source = page_source(PageSpec("credentials/x/", "credential.html", text, text, "credential", "x"))
    body, meta = get_data(source)
    assert (body, meta) == ("", {"template": "credential.html", "title": text, "description": text})


def test_page_front_matter_keeps_emoji_as_written_not_as_surrogate_escapes():
    source = page_source(PageSpec("credentials/x/", "credential.html", "Tickets \U0001F600", "\U0001D54F", "credential", "x"))
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
