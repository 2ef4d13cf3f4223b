"""Which pages the catalog adds to the site, their URLs, and what each template gets.

Engine-agnostic: the mkdocs adapter turns each `PageSpec` into an in-memory page whose
front matter names its template in `overrides/`; the body stays empty, so the slow
markdown pass has nothing to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import display
from .diagram import layout
from .jsonld import credential_jsonld, issuer_jsonld, pathway_jsonld, script_json
from .model import Catalog, Credential, Pathway
from .routes import cheapest_route, has_choice, longest_route, where_to_start

if TYPE_CHECKING:  # site_urls imports pages: a runtime import would be circular
    from .site_urls import SiteUrls

ASSETS_PREFIX = "assets/catalog"  # where issuer images are published
# What json.dumps leaves raw but a YAML reader refuses (not printable) or reads as a
# line break (U+0085, U+2028, U+2029).
_YAML_UNSAFE = re.compile(r"[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # as if under docs/, e.g. "credentials/exit-tickets.md"
    template: str  # a template in overrides/
    title: str
    description: str  # plain text for <meta name="description">
    kind: str  # catalog | credential | pathways | pathway | issuers | issuer
    item_id: str | None = None
    source_path: str | None = None  # the YAML behind the page, for "Edit this definition"
    in_nav: bool = False

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def plan_pages(catalog: Catalog) -> tuple[PageSpec, ...]:
    hubs = (
        PageSpec("catalog/index.md", "catalog.html", "Catalog", "Browse and search every published micro-credential.", "catalog", in_nav=True),
        PageSpec("pathways/index.md", "pathways.html", "Pathways", "Stacks of micro-credentials that lead to a larger goal.", "pathways", in_nav=True),
        PageSpec("issuers/index.md", "issuers.html", "Issuers", "The organisations that issue the micro-credentials in this catalog.", "issuers", in_nav=True),
    )
    credentials = tuple(
        PageSpec(f"credentials/{c.id}.md", "credential.html", c.title, c.summary, "credential", c.id, c.source_path)
        for c in catalog.credentials.values()
    )
    pathways = tuple(
        PageSpec(f"pathways/{p.id}.md", "pathway.html", p.title, p.summary, "pathway", p.id, p.source_path)
        for p in catalog.pathways.values()
    )
    issuers = tuple(
        PageSpec(f"issuers/{i.id}.md", "issuer.html", i.name, _first_sentence(i.plain_description), "issuer", i.id, i.source_path)
        for i in catalog.issuers.values()
    )
    return hubs + credentials + pathways + issuers


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


def page_context(spec: PageSpec | None, catalog: Catalog, urls: SiteUrls | None = None) -> dict:
    """What a catalog template may use besides mkdocs' own context.

    `urls` (the site's absolute URLs) is needed for the JSON-LD of item pages.
    """
    context: dict = {
        "catalog": catalog,
        "catalog_page": spec,
        "badge_path": badge_path,
        "image_path": image_path,
        "label": display.label,
        "money": display.money,
        "hours": display.hours,
        "long_date": display.long_date,
    }
    if spec is None or spec.item_id is None:
        return context
    if spec.kind == "credential":
        context.update(_credential_context(catalog.credentials[spec.item_id], catalog, urls))
    elif spec.kind == "pathway":
        context.update(_pathway_context(catalog.pathways[spec.item_id], catalog, urls))
    elif spec.kind == "issuer":
        issuer = catalog.issuers[spec.item_id]
        context.update(
            issuer=issuer,
            credentials=catalog.credentials_of(issuer.id),
            pathways=catalog.pathways_by(issuer.id),
            jsonld=script_json(issuer_jsonld(issuer, urls)) if urls else None,
        )
    return context


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
        "jsonld": script_json(credential_jsonld(credential, issuer, urls)) if urls else None,
    }


def _group_resources(credential: Credential) -> tuple[tuple[str, tuple], ...]:
    """(type, resources) in order of each type's first appearance."""
    groups: dict[str, list] = {}
    for resource in credential.resources:
        groups.setdefault(resource.type, []).append(resource)
    return tuple((kind, tuple(items)) for kind, items in groups.items())


def _pathway_context(pathway: Pathway, catalog: Catalog, urls: SiteUrls | None) -> dict:
    credentials = catalog.credentials
    return {
        "pathway": pathway,
        "issuer": catalog.issuers[pathway.issuer_id],
        "diagram": layout(pathway, credentials),
        "has_choice": has_choice(pathway),
        "cheapest": cheapest_route(pathway, credentials),
        "longest": longest_route(pathway, credentials),
        "start_with": tuple(credentials[cid] for cid in where_to_start(pathway, credentials)),
        "issuers_of": tuple(dict.fromkeys(credentials[cid].issuer_id for cid in pathway.credential_ids)),
        "jsonld": script_json(pathway_jsonld(pathway, catalog, urls)) if urls else None,
    }


def image_path(issuer_id: str, image: str) -> str:
    """Site path of an issuer's image (`images/x.svg` in its folder)."""
    return f"{ASSETS_PREFIX}/{issuer_id}/{image}"


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def published_images(catalog: Catalog) -> tuple[tuple[str, str], ...]:
    """(issuer id, image path) of every logo and badge image the site must carry."""
    logos = [(i.id, i.logo) for i in catalog.issuers.values() if i.logo]
    badges = [(c.issuer_id, c.image) for c in catalog.credentials.values() if c.image]
    return tuple(dict.fromkeys(logos + badges))


def badge_path(credential) -> str:
    """Site path of a credential's badge: the issuer's image, or the generated SVG badge."""
    if credential.image:
        return image_path(credential.issuer_id, credential.image)
    return f"badges/{credential.id}.svg"
