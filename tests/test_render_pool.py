"""The pool that builds pages and exports: how it shares the work and where it runs it; and
the catalog's pages, which its workers build without mkdocs' reader."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace

import pytest
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from microcred import render_pool
from microcred.pages import page_source, plan_pages
from mkdocs_render import GeneratedPage, front_matter


def _pid_and_worker(part: list[int]) -> tuple[int, bool, list[int]]:
    return os.getpid(), render_pool.in_worker(), part


def test_chunks_keep_every_item_once_in_order():
    items = list(range(1000))
    parts = render_pool.chunks(items, workers=2)
    assert [item for part in parts for item in part] == items
    assert len(parts) >= 2 * render_pool.CHUNKS_PER_WORKER


FORKING = """
import os
from microcred import render_pool

def where(part):
    return os.getpid(), render_pool.in_worker(), part

results = list(render_pool.run(where, [[1], [2], [3]], workers=2))
print(sorted(part for _, _, part in results) == [[1], [2], [3]] and all(worker and pid != os.getpid() for pid, worker, _ in results))
"""


def test_parts_run_in_forked_workers_when_more_than_one_is_asked_for():
    # in a process of its own: this one may have threads (another test's browser)
    result = subprocess.run([sys.executable, "-c", FORKING], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr


def test_parts_run_in_this_process_while_it_has_threads():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = list(render_pool.run(_pid_and_worker, [[1], [2]], workers=2))
    finally:
        stop.set()
        thread.join()
    assert {(pid, in_worker) for pid, in_worker, _ in results} == {(os.getpid(), False)}


def test_workers_default_to_one_per_core():
    assert render_pool.worker_count({}) == (os.cpu_count() or 1)


def test_workers_setting_names_the_count():
    assert render_pool.worker_count({render_pool.WORKERS_VARIABLE: "3"}) == 3


@pytest.mark.parametrize("setting", ["0", "-1", "two", "1.5"])
def test_workers_setting_must_be_a_count(setting):
    with pytest.raises(render_pool.WorkersSettingError):
        render_pool.worker_count({render_pool.WORKERS_VARIABLE: setting})


# ------------------------------------------- the catalog's pages, read without mkdocs' reader

AWKWARD = ["Title: with a colon", "Quotes \" ' and a \\ backslash", "An emoji 🎓 and ünïcode", "A line\nbreak",
           "Tab\tand\u2028separator\u0085", "# not a heading", "  spaces around  ", "- a dash", "null", "yes", "123",
           "{braces} [brackets] *stars* `ticks` & < >", "", "---"]


def test_a_catalog_page_is_read_and_rendered_to_what_mkdocs_makes_of_its_markdown(catalog, tmp_path):
    """mkdocs_render.GeneratedPage skips mkdocs' YAML and Markdown for the catalog's pages,
    whose markdown is front matter alone: each comes out as mkdocs' own reading leaves it."""
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_url": "https://example.org/c/"})
    assert config.validate() == ([], [])
    config.plugins.on_startup(command="build", dirty=False)  # as a build starts (File.generated asks which plugin runs)
    specs = list(plan_pages(catalog))
    specs += [replace(specs[-1], title=text, description=text) for text in AWKWARD]
    for spec in specs:
        read = []
        for generated in (False, True):
            file = File.generated(config, spec.src_uri, content=page_source(spec))
            page = GeneratedPage(file, config, front_matter(spec)) if generated else Page(None, file, config)
            _populate_page(page, config, Files([file]))
            read.append((page.markdown, page.meta, list(page.meta), page.title, page.content, list(page.toc),
                         page._title_from_render, page.present_anchor_ids, page.links_to_anchors))
        assert read[0] == read[1], spec.title
