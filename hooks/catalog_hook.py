"""mkdocs adapter: wires mkdocs events to the engine-agnostic `microcred` package.

With mkdocs_render.py (the catalog's pages built outside mkdocs' loop), the only module
that imports mkdocs, so moving to another engine costs these two files.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

import mkdocs_render  # beside this file: mkdocs puts this folder on the path while it loads the hook
from microcred import field_reference
from microcred.background import Latest, Steps
from microcred.catalog_data import finder_files
from microcred.csp import add_policy, allow_added_scripts
from microcred.dependencies import Made, catalog_changes, is_stale, recording
from microcred.exports import export_settings
from microcred.i18n import install, interfaces
from microcred.identity import identity_from
from microcred.outline import outline
from microcred.pagefind_index import SearchIndexError, write_search_index
from microcred.pages import image_path, page_context, page_source, plan_pages, published_images
from microcred.paging import PAGE_SIZE
from microcred.pipeline import load_catalog
from microcred.preview import PREVIEW_NOTE, busy_port, files_state, preview_state
from microcred.problems import Problem, summary
from microcred.render_pool import WorkersSettingError, chunks, worker_count
from microcred.search_index import catalog_facets, search_records, vocabulary_order
from microcred.site_output import output_tasks, output_writer
from microcred.site_urls import SiteUrls

log = logging.getLogger("mkdocs.hooks.catalog")
SEARCH_TASK = "search"  # a task of the build's pool (see _build_catalog_pages)
_state: dict = {}


def _root(config) -> Path:
    # Not resolve(): mkdocs.yml may be a symlink into another checkout (the test projects).
    return Path(config.config_file_path).absolute().parent


def on_startup(command, dirty):
    # Under `serve` a catalog with problems is shown with them (microcred.preview); a
    # build for publishing stops instead.
    _state["serving"] = command == "serve"


def on_config(config):
    identity = identity_from(config)
    if isinstance(identity, Problem):  # checked first: nothing is loaded or built without it
        raise Abort(identity.as_text())
    _state["page_size"] = _page_size(config)
    try:
        _state["workers"] = worker_count()
    except WorkersSettingError as error:
        raise Abort(str(error)) from None
    serving = _state.get("serving", False)
    if serving and "preview" not in _state:  # the first build of `serve`: say so before any wait
        busy = busy_port(*config.dev_addr)
        if busy:
            raise Abort(busy)
    _state["identity"] = identity
    # The site's language is the theme's: mkdocs-material speaks it in its own chrome.
    _state["interfaces"] = interfaces(config.theme["language"] or "en")
    result = load_catalog(_root(config), keep_checks=serving)
    for problem in result.problems:
        print(problem.as_text(), file=sys.stderr)
    if serving:
        previous = _state.get("preview")
        _state["preview"] = preview = preview_state(result, previous.catalog if previous else None)
        if preview.problems:
            print(f"The catalog has problems: {preview.summary}. {PREVIEW_NOTE}", file=sys.stderr)
        _state["catalog"] = preview.catalog
    elif not result.ok:
        raise Abort(f"The catalog has problems: {summary(result.problems)}. Nothing was built.")
    else:
        _state["catalog"] = result.catalog
    _state["specs"] = {}
    _state.pop("made", None)  # a full build: the site is whole again only once it is done
    _state.pop("pending", None)
    if serving:
        gc.unfreeze()  # what the last build froze (see _build_catalog_pages) may go now
    return config


def on_files(files, config):
    catalog = _state["catalog"]
    root = _root(config)
    specs = {}
    for spec in plan_pages(catalog, _state["page_size"], _state["interfaces"].site):
        inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, spec.src_uri, content=page_source(spec), inclusion=inclusion))
        specs[spec.src_uri] = spec
    for issuer_id, image in published_images(catalog):
        source = root / "catalog" / issuer_id / image
        files.append(File.generated(config, image_path(issuer_id, image), abs_src_path=str(source)))
    # the field reference page, generated from the schemas (contributing guide)
    files.append(File.generated(config, field_reference.PAGE_URI, content=field_reference.page_source(), inclusion=InclusionLevel.NOT_IN_NAV))
    _state["specs"] = specs
    _state["vocabularies"] = vocabulary_order(root / "schema")
    _state["generated_at"] = generated_at = _generated_at()
    _state["today"] = generated_at.date()  # which cards say "New" or "Updated"
    return files


def _page_size(config) -> int:
    """`extra.catalog.page_size` in mkdocs.yml: cards per page of the plain catalog list."""
    size = (config.extra.get("catalog") or {}).get("page_size", PAGE_SIZE)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise Abort(f"mkdocs.yml: extra.catalog.page_size is {size!r} — write a whole number of cards, 1 or more (default {PAGE_SIZE})")
    return size


def _generated_at() -> datetime:
    """SOURCE_DATE_EPOCH when set, so two builds of one commit are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def on_env(env, config, files):
    # Every build (serve's rebuilds too) gets a fresh environment, so checking each
    # template's file for changes on every include, thousands of times a build, buys nothing.
    env.auto_reload = False
    install(env, _state["interfaces"].site)  # {% trans %} and _() in the templates
    _state["env"] = env  # the catalog page renders the finder's card files with it, credential pages their sections
    env.globals["catalog_preview"] = _state.get("preview") if _state.get("serving") else None  # main.html lists its problems
    _build_catalog_pages(env, config, files)
    return env


def _build_catalog_pages(env, config, files) -> None:
    """The catalog's pages, exports and badges, in a pool of workers (mkdocs_render.py);
    mkdocs' loop then builds only the hand-written pages."""
    # What mkdocs would give each page and template as `pages`, ours included (they leave
    # `files` below): on_page_context and on_template_context give it back.
    _state["config"] = config
    _state["template_pages"] = files.documentation_pages()
    inclusion = InclusionLevel.is_in_serve if _state.get("serving") else InclusionLevel.is_included
    _state["doc_files"] = doc_files = files.documentation_pages(inclusion=inclusion)
    _state["pages"] = mkdocs_render.PageBuild(config, _state["nav"], env, doc_files, mkdocs_render.take_over(files, _state["specs"]))
    identity = _state["identity"]
    settings = export_settings(identity.site_url, _root(config) / "schema", _state["generated_at"], site_name=identity.site_name)
    _state["writer"] = output_writer(settings, Path(config.theme.custom_dir) / "badges", Path(config.site_dir))
    Path(config.site_dir).mkdir(parents=True, exist_ok=True)  # the search index writes beside the site, from the start
    workers = _state["workers"]
    # The longest tasks first, each alone: the search index (Pagefind's own processes),
    # then the catalog-wide exports; pages and the other exports follow in chunks.
    first, others = _tasks()
    made = mkdocs_render.run_tasks([*([task] for task in first), *chunks(others, workers)], _run_task, workers)
    if _state.get("serving"):  # what serve's next rebuild starts from (see _update_in_place)
        _state.update(made=made, files=files, inputs=_watched_inputs(config), images=_images(config, _state["catalog"]))
        # The model, pages and templates stay until the next full build: frozen, Python's
        # cycle collector no longer walks them on every update in place (a second at 10,000).
        gc.freeze()


def _tasks() -> tuple[list[str], list[str]]:
    """The pool's tasks: (the longest ones, the others): the search index, then every export
    share, page and badge (see _run_task)."""
    catalog_wide, others = output_tasks(_state["catalog"])
    return ([*([SEARCH_TASK] if _indexing() else []), *catalog_wide],
            [*(mkdocs_render.PAGE + uri for uri in _state["specs"]), *others])


class _Task:
    """The task being run: the catalog it reads (noting what it reads, under serve) and the
    site paths it writes besides its own page (the finder's files)."""

    def __init__(self, catalog, reads: set | None):
        self.catalog = catalog if reads is None else recording(catalog, reads)
        self.reads = reads
        self.paths: list[str] = []


_running = threading.local()  # .task: the _Task this thread runs (the preview runs two at once)


def _run_task(task: str) -> Made | None:
    """Build a page, write an export share, a badge or the search index. Under serve, what
    it read and wrote, for the next rebuild to know when to run it again."""
    _running.task = current = _Task(_state["catalog"], set() if _state.get("serving") else None)
    try:
        if task.startswith(mkdocs_render.PAGE):
            current.paths.append(_state["pages"].build(task.removeprefix(mkdocs_render.PAGE)))
        elif task == SEARCH_TASK:
            _write_search_index(_state["config"], current.catalog)
        else:
            current.paths.extend(_state["writer"].write(task, current.catalog))
    finally:
        _running.task = None
    return None if current.reads is None else Made(frozenset(current.reads), tuple(current.paths))


def on_nav(nav, config, files):
    _state["nav"] = nav  # mkdocs' page builder needs it, and no later event carries it
    return nav


def on_page_context(context, page, config, nav):
    context["pages"] = _state["doc_files"]
    spec = _state["specs"].get(page.file.src_uri)
    identity = _state["identity"]
    task = getattr(_running, "task", None)  # set while one of the pool's tasks builds this page
    catalog = task.catalog if task else _state["catalog"]
    context.update(page_context(
        spec, catalog, SiteUrls.for_site(identity.site_url),
        vocabularies=_state["vocabularies"], today=_state["today"], interfaces=_state["interfaces"],
    ))
    if page.file.src_uri == field_reference.PAGE_URI:
        context["field_reference"] = field_reference.field_reference(_root(config) / "schema")
        page.edit_url = None  # generated from schema/: there is no markdown file to edit
    if spec is not None and spec.source_path and identity.repo_url:
        page.edit_url = f"{identity.repo_url.rstrip('/')}/edit/{identity.source_branch}/{spec.source_path}"
    if spec is not None and spec.kind == "catalog" and spec.listing.number == 1:
        # The finder's facets, and its data and card files: cards rendered in this page's
        # context, so their links are right where the finder shows them.
        facets = catalog_facets(catalog, _state["vocabularies"], _state["interfaces"].site)
        cards = _state["env"].get_template("partials/catalog/card-items.html")
        finder = finder_files(catalog, facets, lambda entries: cards.render({**context, "entries": entries}))
        for path, content in finder.files.items():  # written by whichever process renders this page
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            if task is not None:
                task.paths.append(path)
        context.update(search_facets=facets, finder_data=finder.data)
    if spec is not None and spec.sections:
        # Rendered before the page, as markdown would be, so that the headings of its
        # sections become the page's table of contents, which the theme draws first.
        page.content = _state["env"].get_template(spec.sections).render(context)
        page.toc = get_toc(outline(page.content))  # type: ignore[arg-type]  # the toc extension's token dicts, untyped
    return context


def on_post_page(output, page, config):
    return add_policy(output)


def on_serve(server, config, builder):
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
    _state["server"] = server
    _state["catalog_files"] = Latest(_make_catalog_files, _broken)
    print(f"Preview: {_state['identity'].preview_at(config.dev_addr.port)} (reloads as you save; Ctrl+C stops it)", flush=True)
    return server


def _in_place_or(full_build):
    """Serve's rebuild: in place when only the catalog's definitions changed, else mkdocs'."""
    def rebuild():
        finishing = _state.pop("finishing", None)
        if finishing is not None:  # the last update's catalog pages: the rest is done again below
            _state["pending"] = _state.get("pending", set()) | set(finishing.stop())
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
            _state["catalog_files"].wait()  # before mkdocs empties the site's folder
            full_build()
    return rebuild


HAND_WRITTEN, SITEMAP = "hand-written pages", "sitemap"  # steps of an update besides tasks


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
    if "made" not in _state or _watched_inputs(_state["config"]) != _state["inputs"]:
        return False
    started = time.perf_counter()
    config, old_specs = _state["config"], _state["specs"]
    result = load_catalog(_root(config), keep_checks=True)
    new = result.catalog
    if new is None or _state["preview"].problems or _generated_at().date() != _state["today"] or _images(config, new) != _state["images"]:
        return False
    specs = {spec.src_uri: spec for spec in plan_pages(new, _state["page_size"], _state["interfaces"].site)}
    if any(spec.in_nav for uri, spec in specs.items() if uri not in old_specs):
        return False  # a page new in the navigation changes every page
    for problem in result.problems:  # as on_config prints them
        print(problem.as_text(), file=sys.stderr)
    changes = catalog_changes(_state["catalog"], new)
    _state.update(catalog=new, preview=preview_state(result, None), specs=specs)
    _state["env"].globals["catalog_preview"] = _state["preview"]
    pages = _state["pages"]
    _state["pages"] = pages.with_pages({uri: page_source(spec) for uri, spec in specs.items()})
    _state["doc_files"] = _state["pages"].doc_files
    _state["template_pages"] = mkdocs_render.replace_ours(_state["template_pages"], pages.pages, list(_state["pages"].pages.values()))
    catalog_wide, tasks = _tasks()
    made, pending = _state["made"], _state.pop("pending", set())

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
    _state["finishing"] = Steps(steps, lambda step: _finish_step(step, made), lambda: _finished(len(steps), started), _broken)
    if changes or pending:
        _state["catalog_files"].ask()
    return True


def _finish_step(step: str, made: dict) -> None:
    if step == HAND_WRITTEN:
        _state["pages"].build_hand_written()
    elif step == SITEMAP:
        mkdocs_render.build_sitemap(_state["env"], _state["files"], _state["config"], _state["nav"])
    else:
        _run_again([step], made)


def _finished(steps: int, started: float) -> None:
    log.info("Preview updated in place: the catalog's pages after %d more steps in %.2f s", steps, time.perf_counter() - started)
    _reload_browsers(_state["server"])


def _make_catalog_files() -> None:
    """The catalog-wide exports and the search index, of the catalog as it is now."""
    started = time.perf_counter()
    _run_again(_tasks()[0], _state["made"])
    log.info("Preview updated in place: the catalog-wide files and search index in %.2f s", time.perf_counter() - started)


def _broken() -> None:
    _state.pop("made", None)  # the site is not whole: the next save builds everything


def _run_again(tasks: list[str], made: dict) -> None:
    site_dir = Path(_state["config"].site_dir)
    for task in tasks:
        before = made.get(task)
        made[task] = _run_task(task)
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
    catalog = _root(config) / "catalog"
    return files_state([Path(config.config_file_path), Path(config.docs_dir), *(Path(p) for p in config.watch)], leave_out=catalog)


def _images(config, catalog) -> frozenset:
    """The state of the issuers' images the site publishes (copied by mkdocs, as static files)."""
    folder = _root(config) / "catalog"
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


def on_template_context(context, template_name, config):
    context["pages"] = _state["template_pages"]  # the sitemap lists the catalog's pages too
    return context


def on_post_template(output, template_name, config):
    return add_policy(output)  # 404.html is rendered outside the page loop


def _indexing() -> bool:
    # MICROCRED_SEARCH_INDEX=0 skips indexing (the benchmark times the build without it);
    # a preview whose catalog has never built (microcred.preview) has nothing to index.
    return os.environ.get("MICROCRED_SEARCH_INDEX", "1") != "0" and bool(_state["catalog"].issuers)


def _write_search_index(config, catalog) -> None:
    """The search index: built from the model, not the pages, so it runs beside them."""
    started = time.perf_counter()
    records = search_records(catalog, config.theme["language"] or "en")
    try:
        write_search_index(records, Path(config.theme.custom_dir) / "search", Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(str(error)) from None
    log.info("Search index of %d records written in %.2f s", len(records), time.perf_counter() - started)
