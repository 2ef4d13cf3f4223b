"""Every internal link, anchor and asset reference of the rich fixture's site resolves, and
every page of a published definition is reached by one."""

from __future__ import annotations

from conftest import RICH, SITE_URL, published_ids
from link_check import check_links


def test_every_internal_link_anchor_and_asset_resolves(rich_site):
    report = check_links(rich_site, SITE_URL)
    print(f"links checked: {report.checked}")
    assert report.kinds >= {".html", ".xml", ".json"}  # pages, feed and sitemap, exports
    assert not report.broken, report.message()


def test_every_published_page_is_reached_by_a_link(rich_site):
    """The check saw the whole site: each credential, pathway and issuer page is linked from somewhere."""
    expected = (
        {f"credentials/{i}/" for i in published_ids(RICH, "credentials")}
        | {f"pathways/{i}/" for i in published_ids(RICH, "pathways")}
        | {f"issuers/{folder.name}/" for folder in RICH.iterdir()}
    )
    assert expected - check_links(rich_site, SITE_URL).reached == set()
