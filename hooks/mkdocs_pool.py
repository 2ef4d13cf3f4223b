"""mkdocs adapter: the build's pool: the catalog's pages, exports, badges and search index.

`build_catalog_pages` (from `on_env`) runs them in the forked workers of
microcred.render_pool, MICROCRED_WORKERS of them (one per core unless set): the search
index and the catalog-wide exports first, each alone, as they take longest; then pages
and the other exports in chunks. mkdocs' loop then builds only the hand-written pages.

`state` is what the hook's events gather for the build, and what the preview
(mkdocs_serve.py) keeps from one update to the next.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.structure.files import InclusionLevel

import mkdocs_render  # beside this file (see catalog_hook.py)
from microcred import render_pool
from microcred.dependencies import Made, recording
from microcred.exports import export_settings
from microcred.pagefind_index import SearchIndexError, write_search_index
from microcred.search_index import search_records
from microcred.site_output import output_tasks, output_writer

log = logging.getLogger("mkdocs.hooks.catalog")
SEARCH_TASK = "search"
# What the hook's events gather: identity, catalog, specs (src_uri -> PageSpec), interfaces,
# config, nav, env, pages (mkdocs_render.PageBuild), writer, workers, serving, preview ...
state: dict[str, Any] = {}


def generated_at() -> datetime:
    """SOURCE_DATE_EPOCH when set, so two builds of one commit are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def project_root(config) -> Path:
    # Not resolve(): mkdocs.yml may be a symlink into another checkout (the test projects).
    return Path(config.config_file_path).absolute().parent


def build_catalog_pages(env, config, files) -> dict[str, Made]:
    """The catalog's pages, exports and badges, in a pool of workers; what each task read
    and wrote, under serve (else nothing), for the preview's next update."""
    # What mkdocs would give each page and template as `pages`, ours included (they leave
    # `files` below): on_page_context and on_template_context give it back.
    state["config"] = config
    state["template_pages"] = files.documentation_pages()
    inclusion = InclusionLevel.is_in_serve if state.get("serving") else InclusionLevel.is_included
    state["doc_files"] = doc_files = files.documentation_pages(inclusion=inclusion)
    state["pages"] = mkdocs_render.PageBuild(config, state["nav"], env, doc_files, mkdocs_render.take_over(files, state["specs"]))
    identity = state["identity"]
    settings = export_settings(identity.site_url, project_root(config) / "schema", state["generated_at"], site_name=identity.site_name)
    state["writer"] = output_writer(settings, Path(config.theme.custom_dir) / "badges", Path(config.site_dir))
    Path(config.site_dir).mkdir(parents=True, exist_ok=True)  # the search index writes beside the site, from the start
    mkdocs_render.share_partials(env)
    workers = state["workers"]
    first, others = tasks()
    return run_tasks([*([task] for task in first), *render_pool.chunks(others, workers)], run_task, workers)


def tasks() -> tuple[list[str], list[str]]:
    """The pool's tasks: (the longest ones, the others): the search index, then every export
    share, page and badge (see run_task)."""
    catalog_wide, others = output_tasks(state["catalog"])
    return ([*([SEARCH_TASK] if _indexing() else []), *catalog_wide],
            [*(mkdocs_render.PAGE + uri for uri in state["specs"]), *others])


class _Task:
    """The task being run: the catalog it reads (noting what it reads, under serve) and the
    site paths it writes besides its own page (the finder's files)."""

    def __init__(self, catalog, reads: set | None):
        self.catalog = catalog if reads is None else recording(catalog, reads)
        self.reads = reads
        self.paths: list[str] = []


_running = threading.local()  # .task: the _Task this thread runs (the preview runs two at once)


def current_task() -> _Task | None:
    """The task this thread runs, while one of the pool's tasks builds a page."""
    return getattr(_running, "task", None)


def run_task(task: str) -> Made | None:
    """Build a page, write an export share, a badge or the search index. Under serve, what
    it read and wrote, for the next rebuild to know when to run it again."""
    _running.task = current = _Task(state["catalog"], set() if state.get("serving") else None)
    try:
        if task.startswith(mkdocs_render.PAGE):
            current.paths.append(state["pages"].build(task.removeprefix(mkdocs_render.PAGE)))
        elif task == SEARCH_TASK:
            _write_search_index(state["config"], current.catalog)
        else:
            current.paths.extend(state["writer"].write(task, current.catalog))
    finally:
        _running.task = None
    return None if current.reads is None else Made(frozenset(current.reads), tuple(current.paths))


def _indexing() -> bool:
    # MICROCRED_SEARCH_INDEX=0 skips indexing (the benchmark times the build without it);
    # a preview whose catalog has never built (microcred.preview) has nothing to index.
    return os.environ.get("MICROCRED_SEARCH_INDEX", "1") != "0" and bool(state["catalog"].issuers)


def _write_search_index(config, catalog) -> None:
    """The search index: built from the model, not the pages, so it runs beside them."""
    started = time.perf_counter()
    records = search_records(catalog, config.theme["language"] or "en")
    try:
        write_search_index(records, Path(config.theme.custom_dir) / "search", Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(str(error)) from None
    log.info("Search index of %d records written in %.2f s", len(records), time.perf_counter() - started)


# ----------------------------------------------------------------------- pool


def internal_error(where: str, error: Exception) -> str:
    """One line for a bug of ours, not a traceback: the issuer who runs the build did
    nothing wrong and cannot act on one. MICROCRED_DEBUG=1 adds the traceback."""
    line = (f"internal error in the catalog build ({where}): {type(error).__name__}: {error}. "
            "This is a bug in the catalog's code, not in the definitions: please report it with the "
            "command you ran; MICROCRED_DEBUG=1 shows the traceback.")
    return line + "\n" + traceback.format_exc() if debugging() else line


def debugging() -> bool:
    return os.environ.get("MICROCRED_DEBUG") == "1"


@dataclass(frozen=True)
class ShareResult:
    """What a share of the work sends back: besides its files on disk, little."""

    records: tuple[tuple[str, int, str], ...]  # (logger, level, message) logged by a worker
    made: dict  # task -> what `run_task` returned for it, when not None
    error: str | None = None


def run_tasks(shares: list[list[str]], run: Callable[[str], Any], workers: int) -> dict[str, Any]:
    """`run` for every task of every share, in `workers` processes; task -> what it
    returned, for those that returned something."""
    def run_share(share: list[str]) -> ShareResult:
        records: list[tuple[str, int, str]] = []
        if render_pool.in_worker():
            _send_logs_to(records)
        made = {}
        try:
            for task in share:
                result = run(task)
                if result is not None:
                    made[task] = result
            return ShareResult(tuple(records), made)
        except Abort as error:  # a problem the task explains itself (the search index's)
            return ShareResult(tuple(records), made, str(error))
        except Exception as error:  # noqa: BLE001 - a bug of ours: the parent reports it and stops the build
            return ShareResult(tuple(records), made, internal_error(task, error))

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
