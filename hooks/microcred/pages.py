"""Which pages the catalog adds to the site, and what each template gets.

Engine-agnostic: the mkdocs adapter turns each `PageSpec` into an in-memory page whose
front matter names its template in `overrides/`; the body stays empty, so the slow
markdown pass has nothing to do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial

from . import display
from .diagram import layout
from .freshness import freshness
from .i18n import SOURCE, Interface, Interfaces
from .jsonld import credential_jsonld, issuer_jsonld, pathway_jsonld, script_json
from .languages import text_direction
from .model import Catalog, Credential, Issuer, Pathway
from .paging import PAGE_SIZE, ListingPage, listing_pages
from .pathway_plan import pathway_facets, plan
from .pathway_routes import requirement, where_to_start
from .site_urls import (
    SiteUrls,
    credential_page_path,
    hub_path,
    issuer_page_path,
    listing_path,
    pathway_page_path,
)

# What json.dumps leaves raw but a YAML reader refuses (not printable) or reads as a
# line break (U+0085, U+2028, U+2029).
_YAML_UNSAFE = re.compile(r"[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class PageSpec:
    path: str  # the page's site path (site_urls), e.g. "credentials/exit-tickets/"
    template: str  # a template in overrides/
    title: str
    description: str  # plain text for <meta name="description">
    kind: str  # catalog | credential | pathways | pathway | issuers | issuer
    item_id: str | None = None
    source_path: str | None = None  # the YAML behind the page, for "Edit this definition"
    in_nav: bool = False
    listing: ListingPage | None = None  # the catalog's pages: their share of the plain list
    # A template rendered into the page's content before the page itself, so that the
    # headings it makes become the page's table of contents (see the mkdocs adapter).
    sections: str | None = None

    @property
    def src_uri(self) -> str:
        """The markdown file, as if under docs/, that mkdocs publishes at the page's path: a
        list's is its folder's index, as mkdocs.yml's nav names it ("catalog/" ->
        "catalog/index.md"); any other page's is named by its path's last part
        ("credentials/exit-tickets/" -> "credentials/exit-tickets.md")."""
        path = self.path.rstrip("/")
        return f"{path}/index.md" if "/" not in path else f"{path}.md"


def plan_pages(catalog: Catalog, page_size: int = PAGE_SIZE, ui: Interface = SOURCE) -> tuple[PageSpec, ...]:
    """Every page the catalog adds; the titles and descriptions of its lists are in the
    site's language (`ui`), an item's page has its item's own."""
    first, *more = listing_pages(catalog, page_size)
    _ = ui.gettext
    hubs = (
        PageSpec(hub_path("catalog"), "catalog.html", _("Catalog"), _("Browse and search every published micro-credential."), "catalog", in_nav=True, listing=first),
        PageSpec(hub_path("pathways"), "pathways.html", _("Pathways"), _("Stacks of micro-credentials that lead to a larger goal."), "pathways", in_nav=True),
        PageSpec(hub_path("issuers"), "issuers.html", _("Issuers"), _("The organisations that issue the micro-credentials in this catalog."), "issuers", in_nav=True),
    )
    credentials = tuple(
        PageSpec(credential_page_path(c.id), "credential.html", c.title, c.summary, "credential", c.id, c.source_path,
                 sections="partials/catalog/credential-sections.html")
        for c in catalog.credentials.values()
    )
    pathways = tuple(
        PageSpec(pathway_page_path(p.id), "pathway.html", p.title, p.summary, "pathway", p.id, p.source_path)
        for p in catalog.pathways.values()
    )
    issuers = tuple(
        PageSpec(issuer_page_path(i.id), "issuer.html", i.name, _first_sentence(i.plain_description), "issuer", i.id, i.source_path)
        for i in catalog.issuers.values()
    )
    listing = tuple(
        PageSpec(listing_path(page.number), "catalog.html", _("Catalog, page %(number)s") % {"number": page.number},
                 _("Published micro-credentials, page %(number)s of %(count)s.") % {"number": page.number, "count": page.count},
                 "catalog", listing=page)
        for page in more
    )
    return hubs + listing + credentials + pathways + issuers


def page_source(spec: PageSpec) -> str:
    """The page's markdown: front matter only, each value a one-line double-quoted YAML scalar."""
    return f"---\ntemplate: {spec.template}\ntitle: {_yaml_text(spec.title)}\ndescription: {_yaml_text(spec.description)}\n---\n"


def _yaml_text(text: str) -> str:
    """`text` as a double-quoted scalar that YAML reads back unchanged.

    JSON strings are YAML strings, but JSON's ASCII escapes write an emoji as a surrogate
    pair, which YAML refuses (and mkdocs then silently drops the front matter); so
    characters stay as written, and only those YAML cannot read raw become \\uXXXX escapes.
    """
    return _YAML_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", json.dumps(text, ensure_ascii=False))


def page_context(
    spec: PageSpec | None, catalog: Catalog, urls: SiteUrls | None = None, *,
    vocabularies: Mapping[str, tuple[str, ...]] | None = None, today: date | None = None,
    interfaces: Interfaces | None = None,
) -> dict:
    """What a catalog template may use besides mkdocs' own context.

    `urls` (the site's absolute URLs) is needed for the JSON-LD of item pages;
    `vocabularies` (each vocabulary's values in the schema's order) orders a pathway's
    audience; `today` is the build date, which cards count "New" and "Updated" from;
    `interfaces` the site's language and those a catalog exists for: an item's page
    speaks the item's language when it can (page_language), every other page the site's.
    """
    vocabularies = vocabularies or {}
    interfaces = interfaces or Interfaces(SOURCE, {})
    language = page_language(spec, catalog)
    ui = interfaces.for_text(language) if language else interfaces.site
    context: dict = {
        "catalog": catalog,
        "catalog_page": spec,
        "listing": spec.listing if spec else None,
        "autonym": display.autonym,
        "text_direction": text_direction,
        **speaking(ui),
        "plan_of": lambda pathway: plan(pathway, catalog.credentials, vocabularies),
        "freshness": partial(freshness, today=today or date.today()),
    }
    if spec is not None and spec.kind == "pathways":
        context["pathway_facets"] = pathway_facets(catalog, vocabularies, ui)
    if spec is None or spec.item_id is None:
        return context
    if spec.kind == "credential":
        context.update(_credential_context(catalog.credentials[spec.item_id], catalog, urls))
    elif spec.kind == "pathway":
        context.update(_pathway_context(catalog.pathways[spec.item_id], catalog, urls, ui))
    elif spec.kind == "issuer":
        issuer = catalog.issuers[spec.item_id]
        context.update(
            issuer=issuer,
            credentials=catalog.credentials_of(issuer.id),
            pathways=catalog.pathways_by(issuer.id),
            jsonld=script_json(issuer_jsonld(issuer, urls)) if urls else None,
        )
    return context


def page_language(spec: PageSpec | None, catalog: Catalog) -> str | None:
    """The language of an item page's item (a credential, pathway or issuer), or None."""
    items: dict[str, Mapping[str, Credential | Pathway | Issuer]] = {
        "credential": catalog.credentials, "pathway": catalog.pathways, "issuer": catalog.issuers}
    if spec is None or spec.item_id is None or spec.kind not in items:
        return None
    return items[spec.kind][spec.item_id].language


def speaking(ui: Interface) -> dict:
    """The words and formats of the templates in the interface's language: gettext and
    ngettext for `{% trans %}` and `_()`, and the formatting helpers of display.py."""
    return {
        "ui": ui,
        "gettext": ui.gettext,
        "ngettext": ui.ngettext,
        "label": partial(display.label, ui=ui),
        "money": partial(display.money, ui=ui),
        "hours": partial(display.hours, ui=ui),
        "long_date": partial(display.long_date, ui=ui),
        "credit_amount": partial(display.credit_amount, ui=ui),
        "hours_range": partial(display.hours_range, ui=ui),
        "costs_range": partial(display.costs_range, ui=ui),
        "language_name": partial(display.language_name, ui=ui),
        "requirement": partial(requirement, ui=ui),
    }


def editions(item: Credential | Pathway, catalog: Catalog) -> tuple[tuple[Credential | Pathway, str], ...]:
    """(edition, site path) of each language edition of a credential or pathway, itself
    included, the original first; empty when it has no other edition."""
    ids = catalog.editions.get(item.id, ())
    if isinstance(item, Credential):
        return tuple((catalog.credentials[eid], credential_page_path(eid)) for eid in ids)
    return tuple((catalog.pathways[eid], pathway_page_path(eid)) for eid in ids)


def _credential_context(credential: Credential, catalog: Catalog, urls: SiteUrls | None) -> dict:
    issuer = catalog.issuers[credential.issuer_id]
    known = catalog.credentials
    return {
        "credential": credential,
        "issuer": issuer,
        "replaced_by": known.get(credential.replaced_by) if credential.replaced_by else None,
        "prerequisites": tuple(known[cid] for cid in credential.prerequisites if cid in known),
        "recommended_next": tuple(known[cid] for cid in catalog.recommended_next.get(credential.id, ())),
        "member_of": tuple(catalog.pathways[pid] for pid in catalog.pathways_of.get(credential.id, ())),
        "resource_groups": _group_resources(credential),
        "editions": editions(credential, catalog),
        "jsonld": script_json(credential_jsonld(credential, issuer, urls)) if urls else None,
    }


def _group_resources(credential: Credential) -> tuple[tuple[str, tuple], ...]:
    """(type, resources) in order of each type's first appearance."""
    groups: dict[str, list] = {}
    for resource in credential.resources:
        groups.setdefault(resource.type, []).append(resource)
    return tuple((kind, tuple(items)) for kind, items in groups.items())


def _pathway_context(pathway: Pathway, catalog: Catalog, urls: SiteUrls | None, ui: Interface) -> dict:
    credentials = catalog.credentials
    return {
        "pathway": pathway,
        "issuer": catalog.issuers[pathway.issuer_id],
        "diagram": layout(pathway, credentials, ui),
        "editions": editions(pathway, catalog),
        "start": pathway.route_stages[0],
        "start_with": tuple(credentials[cid] for cid in where_to_start(pathway, credentials)),
        "issuers_of": tuple(dict.fromkeys(credentials[cid].issuer_id for cid in pathway.credential_ids)),
        "jsonld": script_json(pathway_jsonld(pathway, catalog, urls)) if urls else None,
    }


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def published_images(catalog: Catalog) -> tuple[tuple[str, str], ...]:
    """(issuer id, image in its folder) of every logo and badge image the site must carry."""
    logos = [(i.id, i.logo) for i in catalog.issuers.values() if i.logo]
    badges = [(c.issuer_id, c.image) for c in catalog.credentials.values() if c.image]
    return tuple(dict.fromkeys(logos + badges))
