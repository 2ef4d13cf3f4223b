"""The machine-readable catalog: every file the site publishes for other systems.

`export_files` maps site paths to file contents and never touches the site itself, so
any engine can write them; `export_units` and `unit_files` give the same files in
shares, so that a build makes and writes them a share at a time, in several processes.
The JSON API follows the data model of DESIGN.md field by field, in its order, so
consumers and diffs see a stable document; absent optional fields are `null` (or `[]`)
rather than missing, so every item of a kind has the same keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .csv_export import catalog_csv
from .ctdl import credential_document, graph_head, graph_nodes, issuer_document, pathway_document
from .ctid import ctid_or_derived
from .feed import atom_feed, rfc3339
from .markdown import Markdown
from .model import Catalog, Credential, Issuer, Pathway, Stage, Submission
from .ob3 import achievement
from .site_urls import (
    CATALOG_API_PATH,
    CATALOG_CSV_PATH,
    CTDL_CATALOG_PATH,
    FEED_PATH,
    SiteUrls,
    credential_api_path,
    ob3_path,
    pathway_api_path,
    schema_path,
)

API_VERSION = "1"
# The shares of the exports that hold the whole catalog, each the memory of one file (or,
# for CTDL, of its graph) at a time, and the schemas.
CATALOG_WIDE_UNITS = ("catalog-json", "ctdl", "catalog-csv", "feed")
SCHEMAS_UNIT = "schemas"


@dataclass(frozen=True)
class ExportSettings:
    """What the exports take besides the catalog."""

    urls: SiteUrls
    schema_dir: Path
    generated_at: datetime
    site_name: str

    @property
    def envelope(self) -> dict:
        return {"api_version": API_VERSION, "generated_at": rfc3339(self.generated_at)}


def export_settings(site_url: str, schema_dir: Path, generated_at: datetime, *, site_name: str) -> ExportSettings:
    return ExportSettings(SiteUrls.for_site(site_url), schema_dir, generated_at, site_name)


def export_units(catalog: Catalog) -> tuple[str, ...]:
    """The exports in shares made and written together: the catalog-wide files first (the
    largest shares), the schemas, then each credential's and pathway's own files. A build
    hands them to its workers, and writes each file as soon as it is made."""
    return (*CATALOG_WIDE_UNITS, SCHEMAS_UNIT, *(f"credential:{cid}" for cid in catalog.credentials),
            *(f"pathway:{pid}" for pid in catalog.pathways), *(f"issuer:{iid}" for iid in catalog.issuers))


Content = str | bytes | Iterator[str]  # an iterator gives a large file in pieces


def unit_files(unit: str, catalog: Catalog, settings: ExportSettings) -> Iterator[tuple[str, Content]]:
    """(site path, content) of each file of one share of the exports (see `export_units`)."""
    urls = settings.urls
    kind, _, item_id = unit.partition(":")
    if kind == "catalog-json":
        yield CATALOG_API_PATH, json_in_pieces(settings.envelope, {
            "issuers": (_issuer(i, urls) for i in catalog.issuers.values()),
            "credentials": (_credential(c, urls, catalog) for c in catalog.credentials.values()),
            "pathways": (_pathway(p, urls, catalog) for p in catalog.pathways.values()),
        })
    elif kind == "ctdl":
        yield CTDL_CATALOG_PATH, json_in_pieces(graph_head(urls), {"@graph": graph_nodes(catalog, urls)})
    elif kind == "catalog-csv":
        yield CATALOG_CSV_PATH, catalog_csv(catalog, urls)
    elif kind == "feed":
        yield FEED_PATH, atom_feed(catalog, urls, settings.site_name, settings.generated_at)
    elif kind == SCHEMAS_UNIT:
        for schema in sorted(settings.schema_dir.glob("*.schema.json")):
            path = schema_path(schema.name)
            yield path, published_schema(schema.read_text(encoding="utf-8"), urls.of(path))
    elif kind == "credential":
        credential = catalog.credentials[item_id]
        issuer = catalog.issuers[credential.issuer_id]
        yield credential_api_path(item_id), to_json({**settings.envelope, "credential": _credential(credential, urls, catalog), "issuer": _issuer(issuer, urls)})
        yield ob3_path(item_id), to_json(achievement(credential, issuer, urls, _edition_items(credential.id, catalog.credentials, catalog)))
        yield _json_file(credential_document(credential, catalog, urls))
    elif kind == "pathway":
        pathway = catalog.pathways[item_id]
        yield pathway_api_path(item_id), to_json({**settings.envelope, "pathway": _pathway(pathway, urls, catalog), "issuer": _issuer(catalog.issuers[pathway.issuer_id], urls)})
        yield _json_file(pathway_document(pathway, catalog, urls))
    else:
        yield _json_file(issuer_document(catalog.issuers[item_id], catalog, urls))


def _json_file(path_and_document: tuple[str, dict]) -> tuple[str, str]:
    path, document = path_and_document
    return path, to_json(document)


def export_files(
    catalog: Catalog,
    site_url: str,
    schema_dir: Path,
    generated_at: datetime,
    *,
    site_name: str,
) -> dict[str, str | bytes]:
    """Site path -> content of every export: JSON API and CSV, OB3 achievements, CTDL, feed, schemas."""
    settings = export_settings(site_url, schema_dir, generated_at, site_name=site_name)
    return {path: content if isinstance(content, (str, bytes)) else "".join(content)
            for unit in export_units(catalog) for path, content in unit_files(unit, catalog, settings)}


def published_schema(source: str, url: str) -> str:
    """The schema as published: its `$id` is where this site serves it, so the repository's
    schemas name no organisation and an adopter's site_url is the only identity they carry."""
    schema = json.loads(source)
    schema.pop("$id", None)
    head = {key: schema.pop(key) for key in ("$schema",) if key in schema}
    return json.dumps({**head, "$id": url, **schema}, ensure_ascii=False, indent=2) + "\n"


def json_in_pieces(head: dict, lists: dict[str, Iterator[dict]]) -> Iterator[str]:
    """`to_json({**head, **lists})`, with each list read and written an item at a time: the
    same text, without the whole document in memory (catalog.json is 70 MB at 10,000)."""
    yield to_json(head).removesuffix("}\n")
    for key, items in lists.items():
        yield f",{json.dumps(key, ensure_ascii=False)}:["
        for number, item in enumerate(items):
            yield ("," if number else "") + to_json(item).removesuffix("\n")
        yield "]"
    yield "}\n"


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
        "language": issuer.language,
        "ctid": issuer.ctid,  # the Registry's, so null when the organisation has none
        "urls": {"page": urls.issuer_page(issuer.id), "logo": urls.logo(issuer), "ctdl": urls.ctdl("issuers", issuer.id)},
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


def _edition_items(item_id: str, items, catalog: Catalog) -> tuple:
    return tuple(items[eid] for eid in catalog.other_editions(item_id))


def _editions(item_id: str, catalog: Catalog, page, api) -> list[dict]:
    """The other language editions of a credential or pathway, each with its language and URLs."""
    items = catalog.credentials if item_id in catalog.credentials else catalog.pathways
    return [{"id": e.id, "language": e.language, "page": page(e.id), "api": api(e.id)} for e in _edition_items(item_id, items, catalog)]


def _credential(credential: Credential, urls: SiteUrls, catalog: Catalog) -> dict:
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
        "translation_of": c.translation_of,
        "ctid": ctid_or_derived(c.ctid, urls.credential_page(c.id)),
        "credit": [
            {"type": k.type, "value": k.value, "recognized_by": k.recognized_by, "url": k.url} for k in c.credit
        ],
        "changes": [{"version": k.version, "date": k.date.isoformat(), "summary": k.summary} for k in c.changes],
        "urls": {
            "page": urls.credential_page(c.id),
            "api": urls.credential_api(c.id),
            "ob3": urls.ob3(c.id),
            "ctdl": urls.ctdl("credentials", c.id),
            "image": urls.badge(c),
            "editions": _editions(c.id, catalog, urls.credential_page, urls.credential_api),
        },
    }


def _stage(stage: Stage) -> dict:
    return {
        "title": stage.title,
        "credentials": list(stage.credentials),
        "choose": stage.choose,
        "description": _markdown(stage.description),
    }


def _pathway(pathway: Pathway, urls: SiteUrls, catalog: Catalog) -> dict:
    return {
        "id": pathway.id,
        "issuer": pathway.issuer_id,
        "title": pathway.title,
        "summary": pathway.summary,
        "status": pathway.status,
        "description": _markdown(pathway.description),
        "stages": [_stage(s) for s in pathway.stages],
        "capstone": pathway.capstone,
        "language": pathway.language,
        "translation_of": pathway.translation_of,
        "ctid": ctid_or_derived(pathway.ctid, urls.pathway_page(pathway.id)),
        "urls": {
            "page": urls.pathway_page(pathway.id), "api": urls.pathway_api(pathway.id), "ctdl": urls.ctdl("pathways", pathway.id),
            "editions": _editions(pathway.id, catalog, urls.pathway_page, urls.pathway_api),
        },
    }
