"""The credential page's budget: light on a slow connection, no other host, usable offline."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest

from audit_pages import AUDITED, open_page

pytestmark = pytest.mark.browser

BUDGET_BYTES = 150 * 1024
CREDENTIAL = AUDITED["credential"]


def _excluded(url: str, resource_type: str) -> bool:
    """Fonts and the search index are not part of the page's budget."""
    return resource_type == "font" or "/pagefind/" in urlsplit(url).path


@pytest.fixture
def recorded(browser, rich_url):
    """A credential page loaded in a context that lets every request through, all recorded."""
    context = browser.new_context()
    tab = context.new_page()
    requests, failed = [], []
    tab.on("request", lambda request: requests.append(request))
    tab.on("requestfailed", lambda request: failed.append(request))
    open_page(tab, rich_url, *CREDENTIAL)
    tab.wait_for_load_state("networkidle")
    yield tab, context, requests, failed
    context.close()


def _transferred(response) -> int:
    """Bytes on the wire from a static host: text compressed with gzip, as GitHub Pages and
    every common host serve it (the test server compresses nothing), images as they are."""
    body = response.body()
    compressible = re.match(r"text/|application/(javascript|json|xml)|image/svg", response.headers.get("content-type", ""))
    return len(gzip.compress(body, 6)) if compressible else len(body)


def test_credential_page_is_under_150_kb_transferred(recorded):
    _, _, requests, _ = recorded
    sizes = {r.url: _transferred(r.response()) for r in requests if not _excluded(r.url, r.resource_type) and r.response()}
    total = sum(sizes.values())
    print(f"credential page: {total} bytes in {len(sizes)} responses")
    biggest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert total < BUDGET_BYTES, f"credential page (/{CREDENTIAL[0]}): {total} bytes > {BUDGET_BYTES}; biggest: {biggest}"


def test_credential_page_requests_nothing_from_another_host(recorded, rich_url):
    _, _, requests, _ = recorded
    site = urlsplit(rich_url).netloc
    elsewhere = [r.url for r in requests if urlsplit(r.url).scheme not in ("data", "blob") and urlsplit(r.url).netloc != site]
    assert not elsewhere, f"credential page (/{CREDENTIAL[0]}) requests other hosts: {elsewhere}"


def test_credential_page_keeps_working_offline_once_loaded(recorded):
    """Once loaded, with the network cut, the page is complete and using it fetches nothing:
    every image decoded, every stylesheet applied, and reading it to the end, opening its
    details and printing it make no request that fails. (A reload from cache would test the
    server's cache headers, not the page, and the test server sends none.)"""
    tab, context, _, failed = recorded
    context.set_offline(True)
    tab.evaluate("""async () => {
      for (let y = 0; y < document.body.scrollHeight; y += innerHeight) { scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); }
      document.querySelectorAll('details').forEach(d => d.open = true);
    }""")
    tab.emulate_media(media="print")
    tab.wait_for_timeout(200)
    broken_images = tab.evaluate("() => [...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
    missing_styles = tab.evaluate("() => [...document.querySelectorAll('link[rel=stylesheet]')].filter(l => !l.sheet).map(l => l.href)")
    assert not broken_images, f"credential page: images not loaded: {broken_images}"
    assert not missing_styles, f"credential page: stylesheets not applied: {missing_styles}"
    assert not failed, f"credential page: requests failed offline: {[r.url for r in failed]}"
