"""mkdocs adapter: the preview (`mkdocs serve`): its server, and the site updated in place.

After an edit of definitions alone, the preview makes again only the pages and exports
that read what changed (microcred.dependencies), through the same pool tasks as a full
build (mkdocs_pool.py): the site is then what a full build would make
(tests/test_preview_updates.py). Anything else gets mkdocs' full build.
"""

from __future__ import annotations

import gc
import logging
import sys
import time
from pathlib import Path

import mkdocs_pool  # beside this file (see catalog_hook.py)
import mkdocs_render
from microcred.background import Latest, Steps
from microcred.csp import allow_added_scripts
from microcred.dependencies import Made, catalog_changes, is_stale
from microcred.pages import plan_pages, published_images
from microcred.pipeline import load_catalog
from microcred.preview import files_state, preview_state

log = logging.getLogger("mkdocs.hooks.catalog")
state = mkdocs_pool.state
HAND_WRITTEN, SITEMAP = "hand-written pages", "sitemap"  # steps of an update besides tasks


def install(server, config) -> None:
    """Serve's server as the preview needs it: reloads allowed by the pages' policy, a
    missing page that reloads once it exists, rebuilds in place, never stuck."""
    # mkdocs adds its live reload script to each page as it sends it, after the build wrote
    # the page's policy: that response's policy allows that script, by hash, and no other.
    # (LiveReloadServer has no public hook for this; tests/test_serve_reload.py guards it.)
    inject = server._inject_js_into_html
    server._inject_js_into_html = lambda content, epoch: allow_added_scripts(
        content.decode("utf-8"), inject(content, epoch).decode("utf-8")).encode("utf-8")
    # mkdocs answers a missing page with 404.html as it is, without the script: with it, a
    # page that does not exist yet (a credential still invalid) reloads once it does.
    error_page = server.error_handler
    server.error_handler = lambda code: _with_reload(server, error_page(code))
    server.builder = _never_stuck(_in_place_or(server.builder))
    state["server"] = server
    state["catalog_files"] = Latest(_make_catalog_files, _broken)


def built(made: dict[str, Made], files, config) -> None:
    """What serve's next rebuild starts from, after a full build (see _update_in_place)."""
    state.update(made=made, files=files, inputs=_watched_inputs(config), images=_images(config, state["catalog"]))
    # The model, pages and templates stay until the next full build: frozen, Python's
    # cycle collector no longer walks them on every update in place (a second at 10,000).
    gc.freeze()


def _in_place_or(full_build):
    """Serve's rebuild: in place when only the catalog's definitions changed, else mkdocs'."""
    def rebuild():
        finishing = state.pop("finishing", None)
        if finishing is not None:  # the last update's catalog pages: the rest is done again below
            state["pending"] = state.get("pending", set()) | set(finishing.stop())
        # An update makes a new model, a million objects: Python's cycle collector would walk
        # them all, again and again, and find nothing. Frozen at the end, they stay out of
        # the collections that follow too, until the next full build (on_config).
        gc.disable()
        try:
            in_place = _update_in_place()
        except Exception:
            _broken()  # half updated: the next save builds everything
            raise
        finally:
            gc.freeze()
            gc.enable()
        if not in_place:
            state["catalog_files"].wait()  # before mkdocs empties the site's folder
            full_build()
    return rebuild


def _update_in_place() -> bool:
    """After an edit of definitions alone, make again only the pages and exports that read
    what changed (microcred.dependencies), and the hand-written pages, which are few: the
    site is then what a full build would make. Anything else (mkdocs.yml, a template, a
    schema, an image, problems shown or fixed, a new day) gets mkdocs' full build: False.

    What reads given items (the saved credential's page and exports, the pathways that
    show it) is made before the server answers again. What goes through the whole catalog
    follows in the background, so the page shows at once and the next save never waits
    long: the lists, the finder, the issuers' and hand-written pages (the next save stops
    them, and does what is left), then open tabs reload; the catalog-wide exports and the
    search index (a save while they run gets one more run).
    """
    if "made" not in state or _watched_inputs(state["config"]) != state["inputs"]:
        return False
    started = time.perf_counter()
    config, old_specs = state["config"], state["specs"]
    result = load_catalog(mkdocs_pool.project_root(config), keep_checks=True)
    new = result.catalog
    if new is None or state["preview"].problems or mkdocs_pool.generated_at().date() != state["today"] or _images(config, new) != state["images"]:
        return False
    specs = {spec.src_uri: spec for spec in plan_pages(new, state["page_size"], state["interfaces"].site)}
    if any(spec.in_nav for uri, spec in specs.items() if uri not in old_specs):
        return False  # a page new in the navigation changes every page
    for problem in result.problems:  # as on_config prints them
        print(problem.as_text(), file=sys.stderr)
    changes = catalog_changes(state["catalog"], new)
    state.update(catalog=new, preview=preview_state(result, None), specs=specs)
    state["env"].globals["catalog_preview"] = state["preview"]
    pages = state["pages"]
    state["pages"] = pages.with_pages(specs, old_specs)
    state["doc_files"] = state["pages"].doc_files
    state["template_pages"] = mkdocs_render.replace_ours(state["template_pages"], pages.pages, list(state["pages"].pages.values()))
    catalog_wide, tasks = mkdocs_pool.tasks()
    made, pending = state["made"], state.pop("pending", set())

    def spec_changed(task: str) -> bool:
        uri = task.removeprefix(mkdocs_render.PAGE)
        return task.startswith(mkdocs_render.PAGE) and old_specs.get(uri) != specs[uri]
    stale = [task for task in tasks if task in pending or task not in made or is_stale(made[task].reads, changes) or spec_changed(task)]
    later = [task for task in stale if task in made and made[task].is_catalog_wide]
    _run_again([task for task in stale if task not in later], made)
    for task in made.keys() - {*tasks, *catalog_wide}:
        _remove_outputs(made.pop(task).paths, Path(config.site_dir))
    log.info("Preview updated in place: %d pages and exports in %.2f s", len(stale) - len(later), time.perf_counter() - started)
    steps = [*later, *([HAND_WRITTEN] if changes or pending else []), *([SITEMAP] if list(specs) != list(old_specs) or SITEMAP in pending else [])]
    state["finishing"] = Steps(steps, lambda step: _finish_step(step, made), lambda: _finished(len(steps), started), _broken)
    if changes or pending:
        state["catalog_files"].ask()
    return True


def _finish_step(step: str, made: dict) -> None:
    if step == HAND_WRITTEN:
        state["pages"].build_hand_written()
    elif step == SITEMAP:
        mkdocs_render.build_sitemap(state["env"], state["files"], state["config"], state["nav"])
    else:
        _run_again([step], made)


def _finished(steps: int, started: float) -> None:
    log.info("Preview updated in place: the catalog's pages after %d more steps in %.2f s", steps, time.perf_counter() - started)
    _reload_browsers(state["server"])


def _make_catalog_files() -> None:
    """The catalog-wide exports and the search index, of the catalog as it is now."""
    started = time.perf_counter()
    _run_again(mkdocs_pool.tasks()[0], state["made"])
    log.info("Preview updated in place: the catalog-wide files and search index in %.2f s", time.perf_counter() - started)


def _broken() -> None:
    state.pop("made", None)  # the site is not whole: the next save builds everything


def _run_again(tasks: list[str], made: dict) -> None:
    site_dir = Path(state["config"].site_dir)
    for task in tasks:
        before = made.get(task)
        made[task] = mkdocs_pool.run_task(task)
        if before is not None:  # files it no longer writes (the finder's are named by their content)
            _remove_outputs(set(before.paths) - set(made[task].paths), site_dir)


def _reload_browsers(server) -> None:
    """Open tabs reload, as when mkdocs' server finishes a build, unless one is under way.
    (LiveReloadServer has no public call for it; tests/test_serve_reload.py guards it.)"""
    with server._epoch_cond:
        if server._visible_epoch == server._wanted_epoch:
            server._visible_epoch = server._wanted_epoch = server._visible_epoch + 1
            server._epoch_cond.notify_all()


def _watched_inputs(config) -> frozenset:
    """The state of every file a full build reads besides the catalog's definitions."""
    catalog = mkdocs_pool.project_root(config) / "catalog"
    return files_state([Path(config.config_file_path), Path(config.docs_dir), *(Path(p) for p in config.watch)], leave_out=catalog)


def _images(config, catalog) -> frozenset:
    """The state of the issuers' images the site publishes (copied by mkdocs, as static files)."""
    folder = mkdocs_pool.project_root(config) / "catalog"
    return files_state([folder / issuer_id / image for issuer_id, image in published_images(catalog)])


def _remove_outputs(paths, site_dir: Path) -> None:
    for path in paths:
        target = site_dir / path
        target.unlink(missing_ok=True)
        for folder in target.parents:  # and the folders left empty, as a full build has none
            if folder == site_dir or any(folder.iterdir()):
                break
            folder.rmdir()


def _with_reload(server, page: bytes | None) -> bytes | None:
    return None if page is None else server._inject_js_into_html(page, server._visible_epoch)


def _never_stuck(build):
    """A rebuild that raises leaves mkdocs' server waiting for a build that never comes, and
    every request hangs: it is reported on one line and the server keeps answering."""
    def rebuild():
        try:
            build()
        except Exception as error:  # noqa: BLE001 - any failure (a template saved half-written, a bug) must not stall the preview
            what = " ".join(str(error).split())  # mkdocs' messages span lines; a problem is one
            print(f"error: the preview could not be rebuilt: {what} — fix it and save again; the server keeps running", file=sys.stderr)
    return rebuild
