"""Discovery figures of a built site: what finding a credential costs an educator.

Serves the site on localhost, drives Debian's Chromium through Playwright and measures,
each as the median of several fresh pages (empty cache):
- the bytes of the catalog page's HTML (a first page of cards, and the finder);
- milliseconds from navigating to /catalog/ to the first card shown (painted);
- bytes transferred from loading /catalog/ until the first results of a query are shown
  (the finder's data and card files under catalog/data/, and everything under pagefind/:
  its script, the manifest, the init bundle of WebAssembly, metadata, result-id map and
  lexicon, and the index chunks of the query's words, in bundles for a large catalog),
  and the part fetched after the keystroke;
- milliseconds from the keystroke (the input event) to the results rendered, typed once
  the page has loaded (its search included), and "cold": typed as soon as cards show;
- milliseconds from ticking a facet to the results rendered, on the page of a warm query.
Times are taken inside the page with performance.now(), so the driver's overhead is out.

    python bench/search_bench.py SITE_DIR   # prints the figures as JSON
"""

from __future__ import annotations

import json
import statistics
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
QUERIES = ("exit tickets", "number talks", "coaching cycle", "family", "reasoning")
FACETS = (("grade", "3-5"), ("subject", "mathematics"), ("cost", "free"), ("role", "teacher"), ("hours", "5-to-10"))
# Notes when the first card is painted (a requestAnimationFrame callback runs just before a
# frame is drawn), timed from the start of the navigation.
_FIRST_CARD = """(() => {
  const look = () => {
    const card = document.querySelector('.mc-card');
    if (card && card.getClientRects().length) window.__mcFirstCard = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""

# Records when the finder has rendered the current URL's state (catalog.js sets
# data-mc-rendered to location.search), timed from the first input or change event.
_PROBE = """() => {
  const finder = document.querySelector('[data-mc-finder]');
  const probe = window.__mcProbe = {start: null, end: null};
  const begin = () => { if (probe.start === null) probe.start = performance.now(); };
  finder.addEventListener('input', begin, true);
  finder.addEventListener('change', begin, true);
  new MutationObserver(() => {
    if (probe.start !== null && probe.end === null && !finder.hasAttribute('aria-busy')
        && finder.getAttribute('data-mc-rendered') === location.search) probe.end = performance.now();
  }).observe(finder, {attributes: true});
}"""
_SETTLED = """() => {
  const finder = document.querySelector('[data-mc-finder]');
  return finder && !finder.hasAttribute('aria-busy') && finder.getAttribute('data-mc-rendered') === location.search;
}"""
_DONE = "() => window.__mcProbe && window.__mcProbe.end !== null"
_ELAPSED = "() => window.__mcProbe.end - window.__mcProbe.start"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(site_dir: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site_dir)))
    Thread(target=server.serve_forever, daemon=True).start()
    return server


def _transferred(requests: list) -> int:
    total = 0
    for request in requests:
        try:
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 - Playwright raises its own error types here: a request still in flight or failed has no sizes
            continue
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def _query_run(browser, base: str, query: str, warm: bool, facet: tuple[str, str] | None = None) -> dict:
    """One query on a fresh page, typed as soon as the cards show (cold: the search may
    still be loading) or once the page and its search have finished loading (warm); then,
    on the same page, one facet ticked (a fresh page of 10,000 cards takes seconds to load)."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(_FIRST_CARD)
    search_requests = []
    page.on("requestfinished", lambda r: search_requests.append(r) if "/pagefind/" in r.url or "/catalog/data/" in r.url else None)
    page.goto(base + "catalog/", wait_until="load")
    page.wait_for_function(_SETTLED, timeout=60_000)
    first_card = page.evaluate("window.__mcFirstCard")
    if warm:
        page.wait_for_load_state("networkidle")
    page.evaluate(_PROBE)
    before_keystroke = len(search_requests)
    page.fill("#mc-query", query)
    page.wait_for_function(_DONE, timeout=60_000)
    elapsed = page.evaluate(_ELAPSED)
    page.wait_for_timeout(50)  # let the last finished-request events arrive
    result = {
        "first_card_ms": first_card,
        "keystroke_ms": elapsed,
        "search_bytes": _transferred(search_requests),
        "query_bytes": _transferred(search_requests[before_keystroke:]),
    }
    if facet is not None:
        result["facet_ms"] = _tick(page, *facet)
    context.close()
    return result


def _tick(page, facet: str, value: str) -> float:
    page.evaluate(_PROBE)
    if page.is_visible("[data-mc-open]"):  # a narrow window: the facets are a drawer
        page.click("[data-mc-open]")
    page.locator(f'[data-mc-facet="{facet}"] input[value="{value}"]').check()
    page.wait_for_function(_DONE, timeout=60_000)
    return page.evaluate(_ELAPSED)


def _runs(browser, base: str, queries, facets) -> tuple[list[dict], list[dict], list[float]]:
    """Each query warm, then its facet (queries and facets in pairs), and each query cold."""
    runs = [_query_run(browser, base, q, warm=True, facet=f) for q, f in zip(queries, facets)]
    cold = [_query_run(browser, base, q, warm=False) for q in queries]
    return runs, cold, [run["facet_ms"] for run in runs]


def measure(site_dir: Path, queries=QUERIES, facets=FACETS, browser=None) -> dict:
    """Discovery figures of the site built in `site_dir` (medians over queries and facets).

    Pass a Playwright `browser` to reuse one (a process runs one sync Playwright at a time).
    """
    server = _serve(Path(site_dir))
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        if browser is None:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                runs, cold, facet_ms = _runs(chromium, base, queries, facets)
                chromium.close()
        else:
            runs, cold, facet_ms = _runs(browser, base, queries, facets)
    finally:
        server.shutdown()
    return {
        "catalog_page_bytes": (Path(site_dir) / "catalog" / "index.html").stat().st_size,
        "first_card_shown_ms": statistics.median(r["first_card_ms"] for r in cold),
        "search_bytes_to_first_results": statistics.median(r["search_bytes"] for r in runs),
        "query_bytes_after_keystroke": statistics.median(r["query_bytes"] for r in runs),
        "keystroke_to_results_ms": statistics.median(r["keystroke_ms"] for r in runs),
        "keystroke_to_results_cold_ms": statistics.median(r["keystroke_ms"] for r in cold),
        "facet_ms": statistics.median(facet_ms),
        "queries": len(runs),
        "facets": len(facet_ms),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1])), indent=2))
