"""mkdocs adapter: wires mkdocs events to the engine-agnostic `microcred` package.

The only module that imports mkdocs, so moving to another engine costs this file.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

from microcred.badge import badge_files
from microcred.csp import add_policy
from microcred.exports import export_files
from microcred.identity import identity_from
from microcred import field_reference
from microcred.pagefind_index import SearchIndexError, write_search_index
from microcred.pages import image_path, page_context, page_source, plan_pages, published_images
from microcred.pipeline import load_catalog
from microcred.problems import Problem, summary
from microcred.search_index import catalog_facets, facet_tokens, search_records, vocabulary_order
from microcred.site_urls import SiteUrls

log = logging.getLogger("mkdocs.hooks.catalog")
_state: dict = {}


def _root(config) -> Path:
    # Not resolve(): mkdocs.yml may be a symlink into another checkout (the test projects).
    return Path(config.config_file_path).absolute().parent


def on_config(config):
    identity = identity_from(config)
    if isinstance(identity, Problem):  # checked first: nothing is loaded or built without it
        raise Abort(identity.as_text())
    _state["identity"] = identity
    result = load_catalog(_root(config))
    for problem in result.problems:
        print(problem.as_text(), file=sys.stderr)
    if not result.ok:
        raise Abort(f"The catalog has problems: {summary(result.problems)}. Nothing was built.")
    _state["catalog"] = result.catalog
    _state["specs"] = {}
    return config


def on_files(files, config):
    catalog = _state["catalog"]
    root = _root(config)
    specs = {}
    for spec in plan_pages(catalog):
        inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, spec.src_uri, content=page_source(spec), inclusion=inclusion))
        specs[spec.src_uri] = spec
    for issuer_id, image in published_images(catalog):
        source = root / "catalog" / issuer_id / image
        files.append(File.generated(config, image_path(issuer_id, image), abs_src_path=str(source)))
    for path, svg in badge_files(catalog, Path(config.theme.custom_dir) / "badges").items():
        files.append(File.generated(config, path, content=svg))
    identity = _state["identity"]
    exports = export_files(catalog, identity.site_url, root / "schema", _generated_at(), site_name=identity.site_name)
    for path, content in exports.items():
        files.append(File.generated(config, path, content=content))
    # the field reference page, generated from the schemas (contributing guide)
    files.append(File.generated(config, field_reference.PAGE_URI, content=field_reference.page_source(), inclusion=InclusionLevel.NOT_IN_NAV))
    _state["specs"] = specs
    return files


def _generated_at() -> datetime:
    """SOURCE_DATE_EPOCH when set, so two builds of one commit are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)


def on_env(env, config, files):
    # Every build (serve's rebuilds too) gets a fresh environment, so checking each
    # template's file for changes on every include, thousands of times a build, buys nothing.
    env.auto_reload = False
    return env


def on_page_context(context, page, config, nav):
    spec = _state["specs"].get(page.file.src_uri)
    identity = _state["identity"]
    context.update(page_context(spec, _state["catalog"], SiteUrls.for_site(identity.site_url)))
    if page.file.src_uri == field_reference.PAGE_URI:
        context["field_reference"] = field_reference.field_reference(_root(config) / "schema")
        page.edit_url = None  # generated from schema/: there is no markdown file to edit
    if spec is not None and spec.source_path and identity.repo_url:
        page.edit_url = f"{identity.repo_url.rstrip('/')}/edit/{identity.source_branch}/{spec.source_path}"
    if spec is not None and spec.kind == "catalog":
        order = vocabulary_order(_root(config) / "schema")
        context.update(search_facets=catalog_facets(_state["catalog"], order), facet_tokens=facet_tokens)
    return context


def on_post_page(output, page, config):
    return add_policy(output)


def on_post_template(output, template_name, config):
    return add_policy(output)  # 404.html is rendered outside the page loop


def on_post_build(config):
    # MICROCRED_SEARCH_INDEX=0 skips indexing (the benchmark times the build without it).
    if os.environ.get("MICROCRED_SEARCH_INDEX", "1") != "0":
        started = time.perf_counter()
        records = search_records(_state["catalog"])
        try:
            write_search_index(records, Path(config.theme.custom_dir) / "search", Path(config.site_dir))
        except SearchIndexError as error:
            raise Abort(str(error)) from None
        # The benchmark reads this line to report indexing apart from the rest of the build.
        log.info("Search index of %d records written in %.2f s", len(records), time.perf_counter() - started)
