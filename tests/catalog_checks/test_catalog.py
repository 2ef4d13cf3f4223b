"""Checks for whatever catalog/ holds: valid definitions, a strict build, links that resolve,
accessible pages and no active markup from contributor text. `make check` runs them alone."""

from __future__ import annotations

import pytest

from audit_pages import CATALOG_RENDERED, open_page
from axe_audit import blocking_violations, report
from conftest import run_validate
from link_check import check_links
from output_scan import dangers_in_site


def test_every_definition_is_valid(catalog_root):
    result = run_validate(catalog_root)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)  # quality warnings, if any: shown, not failed (make validate STRICT=1 fails on them)


def test_site_builds_in_strict_mode(catalog_build):
    assert catalog_build.build.returncode == 0, catalog_build.build.stderr


def test_every_internal_link_anchor_and_asset_resolves(built_catalog):
    report_ = check_links(built_catalog.site, built_catalog.identity.site_url)
    assert report_.kinds >= {".html", ".xml", ".json"}  # pages, feed and sitemap, exports
    assert not report_.broken, report_.message()


def test_every_published_page_is_reached_by_a_link(built_catalog):
    published = built_catalog.published()
    expected = (
        {f"credentials/{c['id']}/" for c in published["credentials"]}
        | {f"pathways/{p['id']}/" for p in published["pathways"]}
        | {f"issuers/{i['id']}/" for i in published["issuers"]}
    )
    reached = check_links(built_catalog.site, built_catalog.identity.site_url).reached
    assert expected - reached == set()


def test_no_generated_file_carries_active_markup(built_catalog):
    assert dangers_in_site(built_catalog.site) == {}


def _sampled_pages(published: dict) -> list[tuple[str, str | None]]:
    """One page of each kind an educator meets: the first of each in the catalog."""
    pages = [("", None), ("catalog/", CATALOG_RENDERED), ("pathways/", None), ("issuers/", None)]
    for kind, folder in (("credentials", "credentials"), ("pathways", "pathways"), ("issuers", "issuers")):
        pages += [(f"{folder}/{item['id']}/", None) for item in published[kind][:1]]
    return pages


@pytest.mark.browser
def test_sampled_pages_have_no_serious_or_critical_wcag_violation(built_catalog, catalog_url, page, axe_source):
    problems = []
    for path, ready in _sampled_pages(built_catalog.published()):
        open_page(page, catalog_url, path, ready)
        if found := blocking_violations(page, axe_source):
            problems.append(report(f"/{path}", found))
    assert not problems, "\n".join(problems)
