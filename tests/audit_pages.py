"""The pages every audit visits: one of each kind an educator meets, from the sample site."""

from __future__ import annotations

# Wait until catalog.js has rendered the catalog for the URL's query (its own signal).
CATALOG_RENDERED = """() => {
  const finder = document.querySelector('[data-mc-finder]');
  return finder && !finder.hasAttribute('aria-busy') && finder.getAttribute('data-mc-rendered') === location.search;
}"""
DIAGRAM_RENDERED = "() => !!document.querySelector('.mc-diagram svg a[href]')"

# name -> (path under the site, a JavaScript condition that says the page is ready)
AUDITED = {
    "home": ("", None),
    "catalog": ("catalog/", CATALOG_RENDERED),
    "catalog filtered": ("catalog/?subject=assessment", CATALOG_RENDERED),
    "credential": ("credentials/exit-tickets/", None),
    "pathway": ("pathways/assessment-for-learning/", DIAGRAM_RENDERED),
    "issuer": ("issuers/northwind-schools/", None),
}


def built_file(path: str) -> str:
    """The built HTML file behind a page path (the query string is the browser's)."""
    return path.split("?")[0] + "index.html"


def open_page(page, base_url: str, path: str, ready: str | None) -> None:
    page.goto(base_url + path, wait_until="load")
    if ready:
        page.wait_for_function(ready, timeout=10_000)


def open_catalog(page, base_url: str, query: str = "") -> None:
    """The catalog with a query string, once catalog.js has rendered it."""
    page.goto(f"{base_url}catalog/{query}")
    page.wait_for_function(CATALOG_RENDERED)
