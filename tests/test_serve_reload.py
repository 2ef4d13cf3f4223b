"""The contributor's loop in a real `mkdocs serve` and Chromium: save a file, the open tab
shows it by itself; while the catalog has problems every page lists them, and no request hangs.

One server for the module, on a copy of the minimal fixture; each test puts the catalog
back and waits for the clean rebuild.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from test_csp import RECORD_VIOLATIONS

from conftest import FIXTURES, make_project, run_build, serve
from preview_server import Preview

CREDENTIAL = "catalog/acme/credentials/exit-tickets.yml"
PAGE = "credentials/exit-tickets/"
WAIT = 30_000  # ms from a save to the tab showing it
LINE = re.compile(r"^catalog/\S+:\d+:\d+: (error|warning): .*$", re.M)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("preview") / "project", FIXTURES / "minimal")
    server = Preview.mkdocs(root).wait_until_serving()
    yield server
    server.stop()


@pytest.fixture
def catalog(preview):
    """The preview's catalog files, put back as they were after the test."""
    originals = {path: path.read_bytes() for path in (preview.root / "catalog").rglob("*.yml")}
    config = (preview.root / "mkdocs.yml").read_bytes()
    yield preview.root
    start = len(preview.terminal())
    changed = set((preview.root / "catalog").rglob("*.yml")) - set(originals)
    for path in changed:
        path.unlink()
    changed |= {path for path, content in originals.items() if path.read_bytes() != content}
    for path in changed & set(originals):
        path.write_bytes(originals[path])
    if (preview.root / "mkdocs.yml").read_bytes() != config:
        (preview.root / "mkdocs.yml").write_bytes(config)
        changed.add(preview.root / "mkdocs.yml")
    if changed:
        preview.wait_for_rebuild(start)
    assert "preview-problems" not in preview.get(PAGE)[1]


def edit(root, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def tab(page, preview):
    """The credential's page open in Chromium, recording any CSP violation and the console."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.console = console
    page.goto(preview.url + PAGE, wait_until="load")
    return page


@pytest.mark.browser
def test_preview_runs_its_reload_script_under_the_pages_policy(catalog, tab):
    expect(tab.locator("h1")).to_contain_text("Exit Tickets")
    tab.wait_for_function("window.__violations !== undefined")
    time.sleep(0.5)  # the script logs once the page has loaded
    assert "Enabled live reload" in tab.console
    assert tab.evaluate("window.__violations") == []


@pytest.mark.browser
def test_open_tab_shows_a_saved_change_by_itself(catalog, tab):
    edit(catalog, CREDENTIAL, "title: Exit Tickets", "title: Exit Tickets Revised")
    expect(tab.locator("h1")).to_contain_text("Exit Tickets Revised", timeout=WAIT)  # no reload from the test


@pytest.mark.browser
def test_open_catalog_tab_shows_a_saved_title_by_itself(catalog, page, preview):
    """The lists are remade after the saved credential's own page (in the background): open
    tabs reload once more when they are."""
    page.goto(preview.url + "catalog/", wait_until="load")
    edit(catalog, CREDENTIAL, "title: Exit Tickets", "title: Exit Tickets Revised")
    expect(page.locator("body")).to_contain_text("Exit Tickets Revised", timeout=WAIT)


@pytest.mark.browser
def test_open_tab_lists_the_problems_with_file_line_message_and_fix(catalog, tab):
    edit(catalog, CREDENTIAL, "estimated_hours: 3", "estimated_hours: lots")
    banner = tab.locator(".preview-problems")
    expect(banner).to_be_visible(timeout=WAIT)
    expect(banner).to_contain_text(f"{CREDENTIAL}:54:18: error: `estimated_hours` must be a number")
    expect(banner).to_contain_text("($.estimated_hours) — ")


@pytest.mark.browser
def test_open_tab_drops_the_problems_and_shows_the_fix_once_fixed(catalog, tab, preview):
    edit(catalog, CREDENTIAL, "estimated_hours: 3", "estimated_hours: lots")
    expect(tab.locator(".preview-problems")).to_be_visible(timeout=WAIT)
    edit(catalog, CREDENTIAL, "estimated_hours: lots", "estimated_hours: 7")
    expect(tab.locator(".preview-problems")).to_have_count(0, timeout=WAIT)
    expect(tab.locator("body")).to_contain_text("7 hours")


@pytest.mark.browser
def test_terminal_prints_the_lines_the_page_lists(catalog, tab, preview):
    start = len(preview.terminal())
    edit(catalog, CREDENTIAL, "estimated_hours: 3", "estimated_hours: lots")
    items = tab.locator(".preview-problems li")
    expect(items.first).to_be_visible(timeout=WAIT)
    listed = {" ".join(text.split()) for text in items.all_inner_texts()}
    printed = {m.group(0) for m in LINE.finditer(preview.terminal()[start:])}
    assert listed and listed <= printed


@pytest.mark.browser
def test_half_written_file_keeps_the_last_good_page_until_it_parses(catalog, tab):
    path = catalog / CREDENTIAL
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Exit Tickets", "title: Exit Tickets Revised")[: len(text) // 2], encoding="utf-8")
    expect(tab.locator(".preview-problems")).to_be_visible(timeout=WAIT)
    expect(tab.locator("h1")).to_have_text(re.compile(r"^\s*Exit Tickets\s*$"))  # the last good page, not half of the new one
    path.write_text(text.replace("title: Exit Tickets", "title: Exit Tickets Revised"), encoding="utf-8")
    expect(tab.locator("h1")).to_contain_text("Exit Tickets Revised", timeout=WAIT)
    expect(tab.locator(".preview-problems")).to_have_count(0)


@pytest.mark.browser
def test_problem_text_is_shown_as_text_not_markup(catalog, tab):
    edit(catalog, CREDENTIAL, "roles: [teacher]", 'roles: [teacher]\n"<img src=x onerror=alert(1)>": 1')
    banner = tab.locator(".preview-problems")
    expect(banner).to_contain_text("<img src=x onerror=alert(1)>", timeout=WAIT)
    assert banner.locator("img").count() == 0


@pytest.mark.browser
def test_page_that_does_not_exist_yet_reloads_once_its_file_is_fixed(catalog, page, preview):
    # A copy of the fixture's credential, less its own registry id (`ctid`), with one error.
    copy = "".join(line for line in (catalog / CREDENTIAL).read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("ctid:"))
    broken = copy.replace("title: Exit Tickets", "title: Peer Check-ins").replace("estimated_hours: 3", "estimated_hours: lots")
    (catalog / "catalog/acme/credentials/peer-check-ins.yml").write_text(broken, encoding="utf-8")
    preview.wait_for("credentials/peer-check-ins/", lambda html: "peer-check-ins.yml" in html, "the problem on the missing page")
    page.goto(preview.url + "credentials/peer-check-ins/", wait_until="load")
    expect(page.locator(".preview-problems")).to_contain_text("catalog/acme/credentials/peer-check-ins.yml:54:18")
    edit(catalog, "catalog/acme/credentials/peer-check-ins.yml", "estimated_hours: lots", "estimated_hours: 3")
    expect(page.locator("h1")).to_contain_text("Peer Check-ins", timeout=WAIT)


def test_no_request_hangs_while_the_catalog_has_problems(catalog, preview):
    edit(catalog, CREDENTIAL, "estimated_hours: 3", "estimated_hours: lots")
    preview.wait_for(PAGE, lambda html: "preview-problems" in html, "the problem list")
    for path in ("", PAGE, "credentials/no-such-credential/", "api/v1/catalog.json"):
        started = time.monotonic()
        status, _ = preview.get(path, timeout=5)
        assert status in (200, 404) and time.monotonic() - started < 5, path


def test_no_request_hangs_after_a_rebuild_that_fails(catalog, preview):
    start = len(preview.terminal())
    (catalog / "mkdocs.yml").write_text((catalog / "mkdocs.yml").read_text(encoding="utf-8") + "nav: [unclosed\n", encoding="utf-8")
    deadline = time.monotonic() + 30
    while "error: the preview could not be rebuilt" not in preview.terminal()[start:]:
        assert time.monotonic() < deadline, preview.terminal()[start:]
        time.sleep(0.2)
    status, html = preview.get(PAGE, timeout=5)
    assert status == 200 and "Exit Tickets" in html
    [line] = [line for line in preview.terminal()[start:].splitlines() if line.startswith("error: the preview could not be rebuilt")]
    assert "mkdocs.yml" in line and line.endswith("— fix it and save again; the server keeps running")
    assert "Traceback" not in preview.terminal()[start:]


@pytest.mark.browser
def test_built_site_blocks_the_reload_script_the_preview_allows(preview, page, tmp_path):
    """`mkdocs build` writes the strict policy: no inline script but the theme's runs there."""
    _, served = preview.get(PAGE)
    [reload_script] = [s for s in re.findall(r"<script>(.*?)</script>", served, re.S) if "livereload" in s]
    project = make_project(tmp_path / "built", FIXTURES / "minimal")
    assert run_build(project).returncode == 0
    server, url = serve(project / "site")
    try:
        built = (project / "site" / PAGE / "index.html").read_text(encoding="utf-8")
        page.route(url + PAGE, lambda route: route.fulfill(content_type="text/html", body=built.replace("</body>", f"<script>{reload_script}</script></body>")))
        page.add_init_script(RECORD_VIOLATIONS)
        console = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(url + PAGE, wait_until="load")
        page.wait_for_function("window.__violations.length > 0", timeout=10_000)
        assert "Enabled live reload" not in console
        assert page.evaluate("typeof __md_scope") == "object"  # the theme's own inline script ran
    finally:
        server.shutdown()
