"""schema.org JSON-LD for the pages, built as plain dicts, and a serialiser safe inside <script>.

Contributor text ends up inside a <script> element, where HTML escaping does not apply:
`script_json` escapes <, > and & as JSON unicode escapes, so a title holding
`</script>` or `<!--` stays data.
"""

from __future__ import annotations

import json

from .display import label
from .model import Catalog, Credential, Issuer, Pathway
from .site_urls import SiteUrls

CONTEXT = "https://schema.org"
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def iso_duration(hours: float) -> str:
    """Hours as an ISO 8601 duration: 4.5 -> "PT4H30M", 6 -> "PT6H", 0.25 -> "PT15M"."""
    whole, minutes = divmod(round(hours * 60), 60)
    return "PT" + (f"{whole}H" if whole else "") + (f"{minutes}M" if minutes or not whole else "")


def organization(issuer: Issuer, urls: SiteUrls) -> dict:
    data = {"@type": "Organization", "name": issuer.name, "url": issuer.url, "sameAs": urls.issuer_page(issuer.id)}
    if issuer.email:
        data["email"] = issuer.email
    return data


def credential_jsonld(credential: Credential, issuer: Issuer, urls: SiteUrls) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "EducationalOccupationalCredential",
        "@id": urls.credential_page(credential.id),
        "url": urls.credential_page(credential.id),
        "name": credential.title,
        "description": credential.summary,
        "credentialCategory": "Micro-credential",
        "competencyRequired": credential.competency,
        "educationalLevel": [label(band) for band in credential.grade_bands],
        "about": [label(subject) for subject in credential.subjects],
        "keywords": list(credential.tags),
        "timeRequired": iso_duration(credential.estimated_hours),
        "offers": {
            "@type": "Offer",
            "price": credential.cost.amount,
            "priceCurrency": credential.cost.currency,
            "url": credential.earn_url,
        },
        "provider": organization(issuer, urls),
        "image": urls.badge(credential),
        "inLanguage": credential.language,
        "version": credential.version,
        "datePublished": credential.published.isoformat(),
        "dateModified": credential.last_changed.isoformat(),
        "creativeWorkStatus": "Retired" if credential.is_retired else "Active",
    }


def pathway_jsonld(pathway: Pathway, catalog: Catalog, urls: SiteUrls) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "@id": urls.pathway_page(pathway.id),
        "url": urls.pathway_page(pathway.id),
        "name": pathway.title,
        "description": pathway.summary,
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(pathway.credential_ids),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": catalog.credentials[cid].title,
                "url": urls.credential_page(cid),
            }
            for position, cid in enumerate(pathway.credential_ids, start=1)
        ],
    }


def issuer_jsonld(issuer: Issuer, urls: SiteUrls) -> dict:
    data = {"@context": CONTEXT, **organization(issuer, urls), "description": issuer.plain_description}
    logo = urls.logo(issuer)
    if logo:
        data["logo"] = logo
    return data
