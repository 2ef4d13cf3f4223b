"""The preview's pure parts: which script a served page allows, which catalog it shows."""

from __future__ import annotations

import re

from microcred.csp import add_policy, allow_added_scripts
from microcred.pipeline import load_catalog
from microcred.preview import preview_state

from catalog_cases import CREDENTIAL, replaced

RELOAD = "livereload(1, 2);"


def _script_sources(html: str) -> list[str]:
    return re.search(r"script-src ([^;\"]*)", html)[1].split()


def test_served_page_allows_the_script_the_server_added_and_nothing_else():
    page = add_policy("<html><head></head><body><script>fetch('https://evil.example/')</script></body></html>")
    served = allow_added_scripts(page, page.replace("</body>", f"<script>{RELOAD}</script></body>"))
    assert len([s for s in _script_sources(served) if s.startswith("'sha256-")]) == 1
    assert _script_sources(served) != _script_sources(page)


def test_page_served_without_an_added_script_keeps_its_policy():
    page = add_policy("<html><head></head><body><p>x</p></body></html>")
    assert allow_added_scripts(page, page) == page


def test_preview_keeps_the_last_good_catalog_and_lists_the_problems(project):
    good = load_catalog(project)
    (project / CREDENTIAL).write_text(replaced(CREDENTIAL, "title: Exit Tickets", "title: [unclosed"), encoding="utf-8")
    state = preview_state(load_catalog(project), good.catalog)
    assert state.catalog is good.catalog
    assert [p.path for p in state.problems if p.is_error][0] == CREDENTIAL


def test_preview_before_any_good_build_shows_an_empty_catalog(project):
    (project / CREDENTIAL).write_text("title: [unclosed\n", encoding="utf-8")
    state = preview_state(load_catalog(project), None)
    assert not state.catalog.credentials and state.problems


def test_preview_of_a_catalog_without_errors_lists_nothing(project):
    state = preview_state(load_catalog(project), None)
    assert state.catalog.credentials and state.problems == ()


def test_preview_lists_errors_before_warnings(project):
    (project / CREDENTIAL).write_text(replaced(CREDENTIAL, "estimated_hours: 3", "estimated_hours: lots"), encoding="utf-8")
    state = preview_state(load_catalog(project), None)
    severities = [p.severity for p in state.problems]
    assert severities[0] == "error" and "warning" in severities and severities == sorted(severities)
