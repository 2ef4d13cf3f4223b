"""mkdocs adapter: builds the catalog's pages outside mkdocs' serial page loop.

mkdocs builds its pages one at a time. The catalog adds thousands, so in `on_env` the
hook takes them out of mkdocs' loop (`take_over`) and builds them here, in a pool of
forked workers (microcred.render_pool) that also write the exports and badges. Each
page goes through mkdocs' own page builder, `mkdocs.commands.build._build_page`: the
same context, plugin events, template and encoding as in mkdocs' loop, so the same
bytes. Under `serve` the hook also updates the site in place (`PageBuild.with_pages`,
`build_hand_written`, `build_sitemap`: what mkdocs' build would do for those pages).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2

# Private to mkdocs, which constraints.txt pins. The tests compare what the site is when
# built by them: in one process and in four (test_parallel_build.py), updated in place
# and built in full (test_preview_updates.py).
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from microcred import render_pool

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

PAGE = "page:"  # a task naming a page by its src_uri


@dataclass(frozen=True)
class ShareResult:
    """What a share of the work sends back: besides its files on disk, little."""

    records: tuple[tuple[str, int, str], ...]  # (logger, level, message) logged by a worker
    made: dict  # task -> what `run_task` returned for it, when not None
    error: str | None = None


@dataclass(frozen=True)
class PageBuild:
    """What mkdocs' page builder needs, as mkdocs' loop would give it."""

    config: MkDocsConfig
    nav: Navigation
    env: jinja2.Environment
    doc_files: list[File]  # every page of the site, ours included: the `pages` of each context
    pages: dict[str, File]  # src_uri -> File of the pages taken over

    def build(self, src_uri: str) -> str:
        """Build one of the pages taken over; its site path."""
        page = self.pages[src_uri].page
        assert page is not None, "mkdocs read every page before they were taken over"
        # Our context sets the page's content and table of contents before rendering
        # (catalog_hook.on_page_context); they are dropped again once the page is written,
        # so a worker does not carry every page it wrote, nor a rebuild the last render.
        content, toc = page.content, page.toc
        try:
            _build_page(page, self.config, self.doc_files, self.nav, self.env)
        finally:
            page.content, page.toc = content, toc
        return page.file.dest_uri

    def build_hand_written(self) -> None:
        """Build the pages mkdocs' loop builds (those not taken over), as it does."""
        for file in self.doc_files:
            if file.src_uri not in self.pages and file.page is not None:
                _build_page(file.page, self.config, self.doc_files, self.nav, self.env, excluded=file.inclusion.is_excluded())

    def with_pages(self, sources: dict[str, str]) -> PageBuild:
        """This build for another set of the pages taken over (`sources`: src_uri ->
        markdown, in their order), where the old ones stood in each list of the site's
        pages; a page new, or whose markdown changed, is read as mkdocs' loop reads it."""
        pages = {}
        for src_uri, source in sources.items():
            file = self.pages.get(src_uri)
            if file is None:  # only pages outside the navigation come and go
                file = File.generated(self.config, src_uri, content=source, inclusion=InclusionLevel.NOT_IN_NAV)
                Page(None, file, self.config)
            elif file.content_string == source:
                pages[src_uri] = file
                continue
            file.content_string = source
            assert file.page is not None
            _populate_page(file.page, self.config, Files([file]))
            pages[src_uri] = file
        return PageBuild(self.config, self.nav, self.env, replace_ours(self.doc_files, self.pages, list(pages.values())), pages)


def replace_ours(site_pages: list, ours: dict, new: list) -> list:
    """`site_pages` with the pages in `ours` (src_uri -> File) replaced by `new`, where the
    first of them stood (mkdocs lists them together, after the hand-written ones)."""
    kept = [file for file in site_pages if file.src_uri not in ours]
    at = next((n for n, file in enumerate(site_pages) if file.src_uri in ours), len(kept))
    return kept[:at] + new + kept[at:]


def build_sitemap(env, files: Files, config, nav) -> None:
    """The sitemap again, as mkdocs builds it (its `pages` come from the hook's context)."""
    _build_theme_template("sitemap.xml", env, files, config, nav)


def take_over(files: Files, src_uris) -> dict[str, File]:
    """Take these pages out of mkdocs' build loop, once mkdocs has read every page (so
    links to them from hand-written pages resolved); src_uri -> File for `PageBuild`."""
    taken = {}
    for src_uri in src_uris:
        file = files.get_file_from_path(src_uri)
        assert file is not None, f"{src_uri} was added in on_files"
        files.remove(file)
        taken[src_uri] = file
    return taken


def run_tasks(shares: list[list[str]], run_task: Callable[[str], Any], workers: int) -> dict[str, Any]:
    """`run_task` for every task of every share, in `workers` processes; task -> what it
    returned, for those that returned something."""
    def run_share(share: list[str]) -> ShareResult:
        records: list[tuple[str, int, str]] = []
        if render_pool.in_worker():
            _send_logs_to(records)
        made = {}
        try:
            for task in share:
                result = run_task(task)
                if result is not None:
                    made[task] = result
            return ShareResult(tuple(records), made)
        except Exception as error:  # noqa: BLE001 - reported by the parent, which stops the build
            return ShareResult(tuple(records), made, str(error) or type(error).__name__)

    made, error = {}, None
    try:
        for result in render_pool.run(run_share, shares, workers):
            # printed, and counted by `--strict`, here as if logged here
            for name, level, message in result.records:
                logging.getLogger(name).log(level, "%s", message)
            made.update(result.made)
            error = error or result.error
    except BrokenProcessPool:
        raise Abort(f"a worker process building the site stopped before it was done (out of memory?) — "
                    f"build with fewer: {render_pool.WORKERS_VARIABLE}=1 uses one process") from None
    if error:
        raise Abort(error)
    return made


class _Records(logging.Handler):
    def __init__(self, records: list[tuple[str, int, str]]):
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _send_logs_to(records: list[tuple[str, int, str]]) -> None:
    """In a worker, mkdocs' log goes to `records` for the parent, which prints it and counts
    its warnings for `--strict` (a worker's own count would be lost with the worker)."""
    logging.getLogger("mkdocs").handlers = [_Records(records)]
