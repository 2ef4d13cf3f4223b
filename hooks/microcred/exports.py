"""The machine-readable catalog: every file the site publishes for other systems.

`export_files` is the one entry point; it maps site paths to file contents and never
touches the site itself, so any engine can write them. The JSON API follows the data
model of DESIGN.md field by field, in its order, so consumers and diffs see a stable
document; absent optional fields are `null` (or `[]`) rather than missing, so every
item of a kind has the same keys.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from .feed import atom_feed, rfc3339
from .markdown import Markdown
from .model import Catalog, Credential, Issuer, Pathway, Stage, Submission
from .ob3 import achievement
from .site_urls import (
    CATALOG_API_PATH,
    FEED_PATH,
    SCHEMA_PREFIX,
    SiteUrls,
    credential_api_path,
    ob3_path,
    pathway_api_path,
)

API_VERSION = "1"


def export_files(
    catalog: Catalog,
    site_url: str,
    schema_dir: Path,
    generated_at: datetime,
    *,
    site_name: str,
) -> dict[str, str | bytes]:
    """Site path -> content of every export: JSON API, OB3 achievements, feed, schemas."""
    urls = SiteUrls.for_site(site_url)
    envelope = {"api_version": API_VERSION, "generated_at": rfc3339(generated_at)}
    issuers = {i.id: _issuer(i, urls) for i in catalog.issuers.values()}
    files: dict[str, str | bytes] = {
        CATALOG_API_PATH: to_json({
            **envelope,
            "issuers": list(issuers.values()),
            "credentials": [_credential(c, urls) for c in catalog.credentials.values()],
            "pathways": [_pathway(p, urls) for p in catalog.pathways.values()],
        }),
    }
    for credential in catalog.credentials.values():
        issuer = catalog.issuers[credential.issuer_id]
        files[credential_api_path(credential.id)] = to_json(
            {**envelope, "credential": _credential(credential, urls), "issuer": issuers[issuer.id]}
        )
        files[ob3_path(credential.id)] = to_json(achievement(credential, issuer, urls))
    for pathway in catalog.pathways.values():
        files[pathway_api_path(pathway.id)] = to_json(
            {**envelope, "pathway": _pathway(pathway, urls), "issuer": issuers[pathway.issuer_id]}
        )
    files[FEED_PATH] = atom_feed(catalog, urls, site_name, generated_at)
    for schema in sorted(schema_dir.glob("*.schema.json")):
        path = f"{SCHEMA_PREFIX}/{schema.name}"
        files[path] = published_schema(schema.read_text(encoding="utf-8"), urls.of(path))
    return files


def published_schema(source: str, url: str) -> str:
    """The schema as published: its `$id` is where this site serves it, so the repository's
    schemas name no organisation and an adopter's site_url is the only identity they carry."""
    schema = json.loads(source)
    schema.pop("$id", None)
    head = {key: schema.pop(key) for key in ("$schema",) if key in schema}
    return json.dumps({**head, "$id": url, **schema}, ensure_ascii=False, indent=2) + "\n"


def to_json(document: dict) -> str:
    """Compact JSON: with `indent`, json.dumps falls back from its C encoder to pure Python,
    which made the exports a tenth of the build; `jq .` indents it for reading."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def _markdown(field: Markdown | None) -> dict | None:
    return {"markdown": field.source, "html": field.html} if field is not None else None


def _issuer(issuer: Issuer, urls: SiteUrls) -> dict:
    return {
        "id": issuer.id,
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
        "description": _markdown(issuer.description),
        "logo": issuer.logo,
        "urls": {"page": urls.issuer_page(issuer.id), "logo": urls.logo(issuer)},
    }


def _submission(submission: Submission) -> dict:
    return {
        "scale": [{"id": s.id, "label": s.label, "passing": s.passing} for s in submission.scale],
        "parts": [
            {
                "id": part.id,
                "kind": part.kind,
                "title": part.title,
                "instructions": _markdown(part.instructions),
                "word_limit": part.word_limit,
                "criteria": [{"id": c.id, "prompt": c.prompt, "passing": c.passing} for c in part.criteria],
            }
            for part in submission.parts
        ],
    }


def _credential(credential: Credential, urls: SiteUrls) -> dict:
    c = credential
    return {
        "id": c.id,
        "issuer": c.issuer_id,
        "title": c.title,
        "status": c.status,
        "version": c.version,
        "published": c.published.isoformat(),
        "updated": c.updated.isoformat() if c.updated else None,
        "summary": c.summary,
        "competency": c.competency,
        "key_method": c.key_method,
        "method_components": _markdown(c.method_components),
        "supporting_rationale": _markdown(c.supporting_rationale),
        "research": [{"citation": r.citation, "url": r.url, "doi": r.doi} for r in c.research],
        "resources": [{"title": r.title, "url": r.url, "type": r.type} for r in c.resources],
        "submission": _submission(c.submission),
        "roles": list(c.roles),
        "grade_bands": list(c.grade_bands),
        "subjects": list(c.subjects),
        "tags": list(c.tags),
        "estimated_hours": c.estimated_hours,
        "cost": {"amount": c.cost.amount, "currency": c.cost.currency},
        "evidence_types": list(c.evidence_types),
        "alignments": [
            {"framework": a.framework, "code": a.code, "name": a.name, "url": a.url} for a in c.alignments
        ],
        "prerequisites": list(c.prerequisites),
        "earn_url": c.earn_url,
        "image": c.image,
        "replaced_by": c.replaced_by,
        "language": c.language,
        "urls": {
            "page": urls.credential_page(c.id),
            "api": urls.credential_api(c.id),
            "ob3": urls.ob3(c.id),
            "image": urls.badge(c),
        },
    }


def _stage(stage: Stage) -> dict:
    return {
        "title": stage.title,
        "credentials": list(stage.credentials),
        "choose": stage.choose,
        "description": _markdown(stage.description),
    }


def _pathway(pathway: Pathway, urls: SiteUrls) -> dict:
    return {
        "id": pathway.id,
        "issuer": pathway.issuer_id,
        "title": pathway.title,
        "summary": pathway.summary,
        "status": pathway.status,
        "description": _markdown(pathway.description),
        "stages": [_stage(s) for s in pathway.stages],
        "capstone": pathway.capstone,
        "urls": {"page": urls.pathway_page(pathway.id), "api": urls.pathway_api(pathway.id)},
    }
