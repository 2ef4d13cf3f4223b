"""Hostile contributor text never reaches a built page as markup (one small fixture build)."""

from __future__ import annotations

import json

import pytest
from conftest import run_build
from site_html import load_page

MARKER = "pwned"
TITLE = f'</title></script><script>alert("{MARKER}")</script> & "quotes"'
MARKDOWN = (
    f'<script>alert("{MARKER}")</script>\n\n'
    f'[click](javascript:alert("{MARKER}")) <img src=x onerror="alert(1)">\n\n'
    f'<iframe src="https://evil.example/{MARKER}"></iframe>'
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path_factory.mktemp("hostile") / "project", FIXTURES / "minimal")
    path = root / "catalog/acme/credentials/exit-tickets.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Exit Tickets", f"title: {json.dumps(TITLE)}")
    text = text.replace("supporting_rationale: Formative assessment improves learning.",
                        f"supporting_rationale: {json.dumps(MARKDOWN)}")
    text = text.replace("instructions: Describe your class.", f"instructions: {json.dumps(MARKDOWN)}")
    path.write_text(text, encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def built_pages(site):
    """Pages and badges; the JSON exports carry markdown sources on purpose (their own tests)."""
    return [p for p in site.rglob("*") if p.suffix in {".html", ".svg"}]


def test_no_injected_script_iframe_or_javascript_url_in_any_page(hostile_site):
    for file in built_pages(hostile_site):
        text = file.read_text(encoding="utf-8")
        assert f'<script>alert("{MARKER}")' not in text, file
        assert "javascript:" not in text.lower(), file
        assert "<iframe" not in text and "onerror=" not in text, file


def test_hostile_title_is_plain_text_in_title_meta_h1_and_jsonld(hostile_site):
    page = load_page(hostile_site, "credentials/exit-tickets/")
    assert page.title == f"{TITLE} - Micro-credential Catalog"
    assert page.meta("og:title") == TITLE
    assert page.h1s() == [TITLE]
    assert page.jsonld()["name"] == TITLE
    header = page.dom.find(class_="md-header__topic", **{"data-md-component": "header-topic"})
    assert header.text() == TITLE
    scripts = page.dom.find_all("script")
    assert not any(MARKER in s.text() and s.attrs.get("type") != "application/ld+json" for s in scripts)


def test_hostile_title_stays_text_on_every_page_that_lists_it(hostile_site):
    for path in ("credentials/exit-tickets/", "pathways/assessment-basics/", "issuers/acme/", ""):
        page = load_page(hostile_site, path)
        assert "</title></script><script>" not in page.html, path


def test_markdown_field_keeps_its_text_but_loses_the_markup(hostile_site):
    page = load_page(hostile_site, "credentials/exit-tickets/")
    rationale = page.main.find("section", **{"aria-labelledby": "rationale"})
    assert "click" in rationale.text()
    assert all(not a.attrs.get("href", "").startswith("javascript") for a in rationale.find_all("a"))
    assert not rationale.find_all("script") and not rationale.find_all("iframe") and not rationale.find_all("img")
