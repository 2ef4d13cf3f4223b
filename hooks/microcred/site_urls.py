"""Where everything the site publishes lives: its pages, images and exports, as site
paths, and their absolute URLs. No other module or template spells a path.

A site path is relative to the site's root; a page's ends in "/" (the folder of its
index.html). Pages link relatively (the site may move under any sub-path): templates
get the paths as `site_path` and pass them through mkdocs' `url` filter. Documents read
outside the site (the JSON API, Open Badges achievements, the feed) need absolute URLs:
`SiteUrls`. The paths are the contract's URL table in DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Credential, Issuer

HUBS = ("catalog", "pathways", "issuers")  # the lists of the navigation, each at /<kind>/
ASSETS_PREFIX = "assets/catalog"  # where issuer images are published
API_PREFIX = "api/v1"
CATALOG_API_PATH = f"{API_PREFIX}/catalog.json"
CATALOG_CSV_PATH = f"{API_PREFIX}/catalog.csv"
CTDL_CATALOG_PATH = "ctdl/catalog.json"
# A Credential Registry record, by CTID: where an issuer that has a CTID is referenced.
REGISTRY_RESOURCE = "https://credentialengineregistry.org/resources/{ctid}"
FEED_PATH = "feed.xml"
SCHEMA_PREFIX = "schema/v1"


def hub_path(kind: str) -> str:
    """A list's page: "pathways" -> "pathways/"; kind: one of HUBS."""
    if kind not in HUBS:  # a misspelt kind in a template would otherwise link nowhere
        raise ValueError(f"no list page {kind!r}: one of {', '.join(HUBS)}")
    return f"{kind}/"


def listing_path(number: int) -> str:
    """A page of the catalog's plain list (paging.py): 1 -> "catalog/", 2 -> "catalog/page/2/"."""
    return hub_path("catalog") if number == 1 else f"{hub_path('catalog')}page/{number}/"


def credential_page_path(credential_id: str) -> str:
    return f"credentials/{credential_id}/"


def pathway_page_path(pathway_id: str) -> str:
    return f"pathways/{pathway_id}/"


def issuer_page_path(issuer_id: str) -> str:
    return f"issuers/{issuer_id}/"


def image_path(issuer_id: str, image: str) -> str:
    """An issuer's image (`images/x.svg` in its folder)."""
    return f"{ASSETS_PREFIX}/{issuer_id}/{image}"


def badge_path(credential: Credential) -> str:
    """A credential's badge: the issuer's image, or the generated SVG badge."""
    if credential.image:
        return image_path(credential.issuer_id, credential.image)
    return f"badges/{credential.id}.svg"


def credential_api_path(credential_id: str) -> str:
    return f"{API_PREFIX}/credentials/{credential_id}.json"


def pathway_api_path(pathway_id: str) -> str:
    return f"{API_PREFIX}/pathways/{pathway_id}.json"


def ob3_path(credential_id: str) -> str:
    return f"ob3/{credential_id}.json"


def ctdl_path(kind: str, item_id: str) -> str:
    """kind: credentials | pathways | issuers."""
    return f"ctdl/{kind}/{item_id}.json"


def schema_path(file_name: str) -> str:
    """A published JSON Schema: "credential.schema.json" -> "schema/v1/credential.schema.json"."""
    return f"{SCHEMA_PREFIX}/{file_name}"


@dataclass(frozen=True)
class SitePaths:
    """The paths as templates ask for them: `site_path.credential(c.id) | url`."""

    hub = staticmethod(hub_path)
    listing = staticmethod(listing_path)
    credential = staticmethod(credential_page_path)
    pathway = staticmethod(pathway_page_path)
    issuer = staticmethod(issuer_page_path)
    image = staticmethod(image_path)
    badge = staticmethod(badge_path)
    schema = staticmethod(schema_path)
    feed = FEED_PATH


@dataclass(frozen=True)
class SiteUrls:
    base: str  # the site's absolute URL, ending in "/"

    @classmethod
    def for_site(cls, site_url: str) -> SiteUrls:
        return cls(site_url if site_url.endswith("/") else site_url + "/")

    def of(self, path: str) -> str:
        return self.base + path

    def credential_page(self, credential_id: str) -> str:
        return self.of(credential_page_path(credential_id))

    def pathway_page(self, pathway_id: str) -> str:
        return self.of(pathway_page_path(pathway_id))

    def issuer_page(self, issuer_id: str) -> str:
        return self.of(issuer_page_path(issuer_id))

    def credential_api(self, credential_id: str) -> str:
        return self.of(credential_api_path(credential_id))

    def pathway_api(self, pathway_id: str) -> str:
        return self.of(pathway_api_path(pathway_id))

    def ob3(self, credential_id: str) -> str:
        return self.of(ob3_path(credential_id))

    def ctdl(self, kind: str, item_id: str) -> str:
        return self.of(ctdl_path(kind, item_id))

    def badge(self, credential: Credential) -> str:
        return self.of(badge_path(credential))

    def logo(self, issuer: Issuer) -> str | None:
        return self.of(image_path(issuer.id, issuer.logo)) if issuer.logo else None
