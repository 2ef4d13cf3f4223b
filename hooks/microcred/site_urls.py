"""Where every published document lives: site paths, and their absolute URLs.

Pages link relatively (the site may move under any sub-path), but documents read
outside the site (the JSON API, Open Badges achievements, the feed) need absolute
URLs. The paths are the contract's URL table in DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Credential, Issuer
from .pages import badge_path, image_path

API_PREFIX = "api/v1"
CATALOG_API_PATH = f"{API_PREFIX}/catalog.json"
CATALOG_CSV_PATH = f"{API_PREFIX}/catalog.csv"
CTDL_CATALOG_PATH = "ctdl/catalog.json"
# A Credential Registry record, by CTID: where an issuer that has a CTID is referenced.
REGISTRY_RESOURCE = "https://credentialengineregistry.org/resources/{ctid}"
FEED_PATH = "feed.xml"
SCHEMA_PREFIX = "schema/v1"


def credential_api_path(credential_id: str) -> str:
    return f"{API_PREFIX}/credentials/{credential_id}.json"


def pathway_api_path(pathway_id: str) -> str:
    return f"{API_PREFIX}/pathways/{pathway_id}.json"


def ob3_path(credential_id: str) -> str:
    return f"ob3/{credential_id}.json"


def ctdl_path(kind: str, item_id: str) -> str:
    """kind: credentials | pathways | issuers."""
    return f"ctdl/{kind}/{item_id}.json"


@dataclass(frozen=True)
class SiteUrls:
    base: str  # the site's absolute URL, ending in "/"

    @classmethod
    def for_site(cls, site_url: str) -> SiteUrls:
        return cls(site_url if site_url.endswith("/") else site_url + "/")

    def of(self, path: str) -> str:
        return self.base + path

    def credential_page(self, credential_id: str) -> str:
        return self.of(f"credentials/{credential_id}/")

    def pathway_page(self, pathway_id: str) -> str:
        return self.of(f"pathways/{pathway_id}/")

    def issuer_page(self, issuer_id: str) -> str:
        return self.of(f"issuers/{issuer_id}/")

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
