"""mkdocs adapter: the catalog's pages, built outside mkdocs' serial page loop.

mkdocs builds its pages one at a time. The catalog adds thousands, so in `on_env` the
hook takes them out of mkdocs' loop (`take_over`) and builds them in a pool of forked
workers (mkdocs_pool.py). Each page goes through mkdocs' own page builder,
`mkdocs.commands.build._build_page`: the same context, plugin events, template and
encoding as in mkdocs' loop, so the same bytes. Under `serve` the preview also updates
the site in place (`PageBuild.with_pages`, `build_hand_written`, `build_sitemap`: what
mkdocs' build would do for those pages; mkdocs_serve.py).

Two shortcuts take out work that is the same on every page, to the same bytes:

- `GeneratedPage`: a catalog page's markdown is front matter alone
  (`microcred.pages.page_source`); it is read without a YAML parser and rendered without
  a Markdown converter, which cost mkdocs a millisecond or two a page in its serial
  reading loop, before any page is built (ten seconds and more at 10,000 credentials).
- `share_partials`: Material draws the site's navigation, tabs, repository link and
  settings script on every page, the same on every page outside the navigation but for
  their links, which are relative to the page. They are drawn once and reused where every
  link comes out the same.

MICROCRED_MKDOCS_PAGES=1 turns both off (pages read and drawn as mkdocs' loop does):
tests/test_parallel_build.py compares the two sites, byte for byte. Besides,
`keep_compiled` keeps compiled templates from one process and build to the next.
"""

from __future__ import annotations

import logging
import os
import posixpath
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2

# Private to mkdocs, which constraints.txt pins. The tests compare what the site is when
# built by them: in one process, as mkdocs' loop builds pages, and in four
# (test_parallel_build.py), updated in place and built in full (test_preview_updates.py).
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from microcred.pages import page_source

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

    from microcred.pages import PageSpec

PAGE = "page:"  # a task naming a page by its src_uri
PLAIN_VARIABLE = "MICROCRED_MKDOCS_PAGES"  # "1": no shortcuts (see the module's note)
SHARED_PARTIALS = ("partials/nav.html", "partials/tabs.html", "partials/source.html")
SHARED_BLOCKS = (("base.html", "config"),)  # Material's settings for its script, in every page
_pages_log = logging.getLogger("mkdocs.structure.pages")  # whose level decides what Page.render keeps


def shortcuts() -> bool:
    return os.environ.get(PLAIN_VARIABLE, "") != "1"


def front_matter(spec: PageSpec) -> dict[str, Any]:
    """What mkdocs reads from `page_source(spec)`: tests/test_render_pool.py checks it."""
    return {"template": spec.template, "title": spec.title, "description": spec.description}


class GeneratedPage(Page):
    """A catalog page: front matter and no markdown. It is left in the state mkdocs' own
    reading and rendering leave such a page in: no content, an empty table of contents
    (the hook sets both before the page is built), the title from the front matter."""

    def __init__(self, file: File, config: MkDocsConfig, meta: dict[str, Any]):
        self.front_matter = meta
        super().__init__(None, file, config)

    def read_source(self, config: MkDocsConfig) -> None:
        if config.plugins.on_page_read_source(page=self, config=config) is not None:
            super().read_source(config)  # a plugin's own source: read as mkdocs reads it
            return
        self.markdown, self.meta = "", dict(self.front_matter)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown:  # a plugin's markdown: rendered as mkdocs renders it
            super().render(config, files)
            return
        self.content = ""  # what Markdown.convert("") gives
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if _pages_log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}


def generated_file(config: MkDocsConfig, spec: PageSpec, source: str) -> File:
    """The File of one of the catalog's pages (`source`: its markdown), with its page."""
    inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, spec.src_uri, content=source, inclusion=inclusion)
    if shortcuts():
        GeneratedPage(file, config, front_matter(spec))  # mkdocs keeps a page a plugin gives the file
    return file


def keep_compiled(env: jinja2.Environment) -> None:
    """Compiled templates kept from one build to the next, and from the parent to each
    worker: Jinja's bytecode cache, in the temporary folder, by template and source (so an
    edited template is compiled again). Compiling the hundred templates of a page costs
    each process about a second; loading them, a few milliseconds. Set once the
    environment has its extensions (the cache does not tell them apart)."""
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()


# ------------------------------------------------------------------ shared partials

_recorded = threading.local()  # .links: the (value, result) of each `url` filter while a partial is drawn


def share_partials(env: jinja2.Environment) -> None:
    """Draw SHARED_PARTIALS and SHARED_BLOCKS once for every page with the same links (see
    the module's note)."""
    if not shortcuts():
        return
    url = env.filters["url"]

    @jinja2.pass_context
    def recorded_url(context, value):
        result = url(context, value)
        links = getattr(_recorded, "links", None)
        if links is not None:
            links.append((value, result))
        return result

    env.filters["url"] = recorded_url  # templates look their filters up as each renders
    for name in SHARED_PARTIALS:
        template = env.get_template(name)
        template.root_render_func = _SharedPartial(template.root_render_func, url)
    for name, block in SHARED_BLOCKS:
        template = env.get_template(name)
        template.blocks[block] = _SharedPartial(template.blocks[block], url)


class _SharedPartial:
    """A partial's (or a block's) render function that draws it once for each set of pages
    it is the same on. Outside the navigation (no item of it active, the page none of its
    pages), the partials shared read of the page only its URL, through the `url` filter,
    and `base_url`: a drawing is reused for a page with the same `base_url` on which every
    link it made comes out the same. In the navigation it is drawn each time."""

    def __init__(self, render: Callable[[Any], Iterator[str]], url: Callable[[Any, Any], str]):
        self.render, self.url = render, url
        self.drawn: dict[tuple, list[tuple[tuple[tuple[Any, str], ...], str]]] = {}  # (page's folder, base_url) -> drawings

    def __call__(self, context) -> Iterator[str]:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or any(item.active for item in nav.items) or page in nav.pages:
            yield from self.render(context)
            return
        drawings = self.drawn.setdefault((posixpath.dirname(page.url.rstrip("/")), context.get("base_url")), [])
        outer = getattr(_recorded, "links", None)  # a shared partial drawn inside this one
        for links, text in drawings:
            if all(self.url(context, value) == result for value, result in links):
                if outer is not None:
                    outer.extend(links)
                yield text
                return
        links_made: list[tuple[Any, str]] = []
        _recorded.links = links_made
        try:
            text = "".join(self.render(context))
        finally:
            _recorded.links = outer
            if outer is not None:
                outer.extend(links_made)
        drawings.append((tuple(links_made), text))
        yield text


# ---------------------------------------------------------------------- pages


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

    def with_pages(self, specs: dict[str, PageSpec], old_specs: dict[str, PageSpec]) -> PageBuild:
        """This build for another set of the pages taken over (`specs`, by src_uri, in their
        order; `old_specs`, those of this build), where the old ones stood in each list of
        the site's pages; a page new, or whose markdown changed, is read as mkdocs' loop
        reads it."""
        pages = {}
        for src_uri, spec in specs.items():
            file = self.pages.get(src_uri)
            if file is not None and old_specs.get(src_uri) == spec:  # the same spec, the same markdown
                pages[src_uri] = file
                continue
            source = page_source(spec)
            if file is None:  # only pages outside the navigation come and go
                file = generated_file(self.config, spec, source)
                if file.page is None:
                    Page(None, file, self.config)
            elif file.content_string == source:
                pages[src_uri] = file
                continue
            file.content_string = source
            if isinstance(file.page, GeneratedPage):
                file.page.front_matter = front_matter(spec)
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
