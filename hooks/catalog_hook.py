"""mkdocs adapter: wires mkdocs events to the engine-agnostic `microcred` package.

The hook only wires events; the adapter modules beside it do the work: mkdocs_pool.py
(the build's pool of workers: pages, exports, search index), mkdocs_render.py (the
catalog's pages built outside mkdocs' loop, through mkdocs' own page builder) and
mkdocs_serve.py (the preview, updated in place). They and this file are the only ones
that import mkdocs; `microcred` knows nothing of it.

What a move to another engine would cost: these four files, and the page shell. The
model, checks, exports, badges, search index and each page's data (`page_context`) move
as they are; so do the catalog's own partials, which read that data. But the 27
templates in overrides/ are mkdocs-material's: the 8 page templates extend main.html,
which extends Material's base.html (head, header, tabs, navigation, table of contents,
footer, its CSS and JavaScript bundle), 18 of them read mkdocs' template context
(`page.meta`, `page.title`, `page.toc`, `config`, `nav`, `base_url`, the `url` filter) or
Material's `md-` classes, and three override Material's partials (header, source,
search). Another engine needs that shell, its navigation and its styles written again,
and those 18 templates moved onto its context.
"""

from __future__ import annotations

import functools
import gc
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

# Beside this file: mkdocs puts this folder on the path only while it first loads the
# hook, so the adapters are imported here, at the top (and they import each other at theirs).
import mkdocs_pool
import mkdocs_render
import mkdocs_serve
from microcred import field_reference
from microcred.catalog_data import finder_files
from microcred.csp import add_policy
from microcred.i18n import install, interfaces
from microcred.identity import identity_from
from microcred.outline import outline
from microcred.pages import page_context, page_source, plan_pages, published_images
from microcred.paging import PAGE_SIZE
from microcred.pipeline import load_catalog
from microcred.preview import PREVIEW_NOTE, busy_port, preview_state
from microcred.problems import Problem, summary
from microcred.render_pool import WorkersSettingError, worker_count
from microcred.search_index import catalog_facets, vocabulary_order
from microcred.site_urls import SitePaths, SiteUrls, image_path

_state = mkdocs_pool.state  # what the events gather, kept from one build to the next
_root = mkdocs_pool.project_root


def _reported(event):
    """An error of our own in an event becomes one line (mkdocs_pool.internal_error), as in
    the pool's tasks; MICROCRED_DEBUG=1 lets its traceback through."""

    @functools.wraps(event)
    def guarded(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except Abort:
            raise
        except Exception as error:
            if mkdocs_pool.debugging():
                raise
            raise Abort(mkdocs_pool.internal_error(event.__name__, error)) from None

    return guarded


def on_startup(command, dirty):
    # Under `serve` a catalog with problems is shown with them (microcred.preview); a
    # build for publishing stops instead.
    _state["serving"] = command == "serve"


@_reported
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
        gc.unfreeze()  # what the last build froze (mkdocs_serve.built) may go now
    return config


@_reported
def on_files(files, config):
    catalog = _state["catalog"]
    root = _root(config)
    specs = {}
    for spec in plan_pages(catalog, _state["page_size"], _state["interfaces"].site):
        files.append(mkdocs_render.generated_file(config, spec, page_source(spec)))
        specs[spec.src_uri] = spec
    for issuer_id, image in published_images(catalog):
        source = root / "catalog" / issuer_id / image
        files.append(File.generated(config, image_path(issuer_id, image), abs_src_path=str(source)))
    # the field reference page, generated from the schemas (contributing guide)
    files.append(File.generated(config, field_reference.PAGE_URI, content=field_reference.page_source(), inclusion=InclusionLevel.NOT_IN_NAV))
    _state["specs"] = specs
    _state["vocabularies"] = vocabulary_order(root / "schema")
    _state["generated_at"] = generated_at = mkdocs_pool.generated_at()
    _state["today"] = generated_at.date()  # which cards say "New" or "Updated"
    return files


def _page_size(config) -> int:
    """`extra.catalog.page_size` in mkdocs.yml: cards per page of the plain catalog list."""
    size = (config.extra.get("catalog") or {}).get("page_size", PAGE_SIZE)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise Abort(f"mkdocs.yml: extra.catalog.page_size is {size!r} — write a whole number of cards, 1 or more (default {PAGE_SIZE})")
    return size


@_reported
def on_env(env, config, files):
    # Every build (serve's rebuilds too) gets a fresh environment, so checking each
    # template's file for changes on every include, thousands of times a build, buys nothing.
    env.auto_reload = False
    install(env, _state["interfaces"].site)  # {% trans %} and _() in the templates
    mkdocs_render.keep_compiled(env)
    _state["env"] = env  # the catalog page renders the finder's card files with it, credential pages their sections
    env.globals["catalog_preview"] = _state.get("preview") if _state.get("serving") else None  # main.html lists its problems
    env.globals["site_path"] = SitePaths()  # every template, the 404 page's header search too
    # The catalog's pages, exports, badges and search index, in a pool of workers;
    # mkdocs' loop then builds only the hand-written pages.
    made = mkdocs_pool.build_catalog_pages(env, config, files)
    if _state.get("serving"):
        mkdocs_serve.built(made, files, config)
    return env


def on_nav(nav, config, files):
    _state["nav"] = nav  # mkdocs' page builder needs it, and no later event carries it
    return nav


def on_page_context(context, page, config, nav):
    context["pages"] = _state["doc_files"]
    spec = _state["specs"].get(page.file.src_uri)
    identity = _state["identity"]
    task = mkdocs_pool.current_task()  # set while one of the pool's tasks builds this page
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
    mkdocs_serve.install(server, config)
    print(f"Preview: {_state['identity'].preview_at(config.dev_addr.port)} (reloads as you save; Ctrl+C stops it)", flush=True)
    return server


def on_template_context(context, template_name, config):
    context["pages"] = _state["template_pages"]  # the sitemap lists the catalog's pages too
    return context


def on_post_template(output, template_name, config):
    return add_policy(output)  # 404.html is rendered outside the page loop
