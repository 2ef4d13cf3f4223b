"""`make serve`: where the preview is, a busy port, and a catalog that has problems from the start."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from test_scaffold import fill

from conftest import FIXTURES, env, make_project
from preview_server import Preview, make_serve_command

SCAFFOLDED = "catalog/acme/credentials/checking-in.yml"
WAIT = 30_000  # ms from a save to the tab showing it


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`make serve PORT=...` started on a catalog whose new credential still has its TODOs."""
    root = make_project(tmp_path_factory.mktemp("start") / "project", FIXTURES / "minimal")
    scaffold = subprocess.run([sys.executable, "-m", "microcred", "new", "credential", "--issuer", "acme", "--id", "checking-in", "--root", str(root)],
                              capture_output=True, text=True, env=env(), timeout=60)
    assert scaffold.returncode == 0, scaffold.stderr
    server = Preview.make(root).wait_until_serving()
    yield server
    server.stop()


def test_make_serve_prints_the_preview_address_with_the_sites_sub_path(preview):
    assert f"Preview: http://127.0.0.1:{preview.port}/catalog/ (reloads as you save; Ctrl+C stops it)" in preview.terminal().splitlines()


def test_catalog_with_problems_from_the_start_is_served_with_them_listed(preview):
    status, html = preview.get("")
    assert status == 200
    assert f"<code>{SCAFFOLDED}:" in html and "TODO" in html


@pytest.mark.browser
def test_new_credentials_page_opened_before_it_is_valid_shows_it_once_filled_in(preview, page):
    """The scaffold's next steps, followed: open the page it names, fill the file in, set it active."""
    page.goto(preview.url + "credentials/checking-in/", wait_until="load")
    expect(page.locator(".preview-problems")).to_contain_text(SCAFFOLDED)
    path = preview.root / SCAFFOLDED
    path.write_text(fill(path.read_text(encoding="utf-8")).replace("status: draft", "status: active"), encoding="utf-8")
    expect(page.locator("h1")).to_contain_text("Checking In", timeout=WAIT)
    expect(page.locator(".preview-problems")).to_have_count(0)


def test_busy_port_is_one_line_naming_port_and_no_traceback(project):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run(make_serve_command(port), cwd=project, capture_output=True, text=True, env=env(), timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    # make's own "make: *** ... Error 1" (make[1] when `make test` runs it) is make's, not ours
    ours = [line for line in output.splitlines() if not re.match(r"make(\[\d+\])?: ", line)]
    assert [line for line in ours if "error" in line.lower()] == [
        f"error: port {port} is already in use (another `make serve`?) — stop that server, or pick a free port: make serve PORT={port + 1}"
    ]
