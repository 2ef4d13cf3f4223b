"""What the search index holds: one record per published credential, pathway and issuer.

Engine-agnostic: records are plain data (weighted text, metadata, filter values) built
from the model, never scraped from rendered pages, so the index is exact
and cheap to build. `pagefind_index.py` hands them to Pagefind.

The body of a record (everything but its title and emphasised text) is indexed as its
distinct words, each once, so that long, repetitive body text (rubric prompts echo the
competency's words) cannot outrank a title or competency match. Phrase search in the
body is the price; it also saves Pagefind a little work (a word found in all 10,000
credentials of the benchmark: 1.6 s instead of 1.8 s).

Filter names are the query-string keys of `/catalog/` (`?grade=3-5&subject=mathematics`),
so a shared link, the facet checkboxes and the index agree on one vocabulary.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from . import display
from .model import Catalog, Credential, Issuer, Pathway

# (upper bound in hours, value, label); the last bucket has no upper bound.
HOURS_BUCKETS = (
    (2, "up-to-2", "Up to 2 hours"),
    (5, "2-5", "2 to 5 hours"),
    (10, "5-10", "5 to 10 hours"),
    (None, "over-10", "Over 10 hours"),
)
COST_LABELS = {"free": "Free", "paid": "Paid"}
_WORD = re.compile(r"\w[\w'’-]*")
_URL = re.compile(r"\bhttps?://\S+")

# (filter key, legend, schema $defs name, Credential attribute) of the vocabulary facets.
_VOCABULARY_FACETS = (
    ("role", "Role", "role", "roles"),
    ("grade", "Grade band", "grade_band", "grade_bands"),
    ("subject", "Subject", "subject", "subjects"),
    ("evidence", "Evidence type", "evidence_type", "evidence_types"),
)


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the site root, e.g. "credentials/exit-tickets/"
    title: str  # ranked highest
    emphasis: tuple[str, ...]  # ranked above the body (a credential's competency)
    body: str  # distinct words of the rest of the text, see distinct_words()
    # What the header search shows of a result: its type, title and status (and the id,
    # which maps a credential's result to its card). Pagefind also searches metadata, so
    # no more is stored: every word of it is indexed again and weighs on each query.
    meta: Mapping[str, str]
    filters: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    key: str  # filter name and query-string key
    legend: str
    values: tuple[FacetValue, ...]


def hours_bucket(hours: float) -> str:
    """The estimated-hours range a credential falls in: 2 -> "up-to-2", 2.5 -> "2-5"."""
    return next(value for limit, value, _ in HOURS_BUCKETS if limit is None or hours <= limit)


def cost_value(credential: Credential) -> str:
    return "free" if credential.cost.is_free else "paid"


def credential_facets(credential: Credential) -> dict[str, tuple[str, ...]]:
    """The facet values a credential is found under; none for a retired one (the contract
    keeps retired credentials out of filters: only a search by words finds them)."""
    if credential.is_retired:
        return {}
    return {
        "role": credential.roles,
        "grade": credential.grade_bands,
        "subject": credential.subjects,
        "issuer": (credential.issuer_id,),
        "evidence": credential.evidence_types,
        "cost": (cost_value(credential),),
        "hours": (hours_bucket(credential.estimated_hours),),
    }


def facet_tokens(credential: Credential) -> str:
    """The facet values as "key:value" words (values are slugs), for the catalog page's
    cards: without a query search.js filters those cards itself."""
    return " ".join(f"{key}:{value}" for key, values in credential_facets(credential).items() for value in values)


def search_records(catalog: Catalog) -> tuple[SearchRecord, ...]:
    """Every published credential, pathway and issuer as a record (drafts never reach a Catalog)."""
    credentials = tuple(credential_record(credential, catalog) for credential in catalog.credentials.values())
    pathways = tuple(pathway_record(pathway, catalog) for pathway in catalog.pathways.values())
    issuers = tuple(issuer_record(issuer) for issuer in catalog.issuers.values())
    return credentials + pathways + issuers


def distinct_words(*texts: str | None) -> str:
    """Each word of the texts once, in order of first use (URLs in markdown left out)."""
    words: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(_URL.sub(" ", text or "")):
            words.setdefault(word.casefold(), word)
    return " ".join(words.values())


def credential_record(credential: Credential, catalog: Catalog) -> SearchRecord:
    issuer = catalog.issuers[credential.issuer_id]
    criteria = [c for part in credential.submission.parts for c in part.criteria]
    return SearchRecord(
        url=f"credentials/{credential.id}/",
        title=credential.title,
        emphasis=(credential.competency,),
        body=distinct_words(
            credential.summary,
            credential.key_method,
            issuer.name,
            *credential.tags,
            *(r.citation for r in credential.research),
            *(part.title for part in credential.submission.parts),
            *(text for c in criteria for text in (c.prompt, c.passing)),
            credential.method_components.source,
            credential.supporting_rationale.source,
        ),
        meta={"id": credential.id, "type": "credential", "title": credential.title, "status": credential.status},
        filters={"type": ("credential",), "status": (credential.status,), **credential_facets(credential)},
    )


def pathway_record(pathway: Pathway, catalog: Catalog) -> SearchRecord:
    issuer = catalog.issuers[pathway.issuer_id]
    members = (catalog.credentials[cid].title for cid in pathway.credential_ids if cid in catalog.credentials)
    return SearchRecord(
        url=f"pathways/{pathway.id}/",
        title=pathway.title,
        emphasis=(pathway.summary,),
        body=distinct_words(
            issuer.name,
            *(stage.title for stage in pathway.stages),
            *members,
            pathway.description.source,
            *(stage.description.source for stage in pathway.stages if stage.description),
        ),
        meta={"id": pathway.id, "type": "pathway", "title": pathway.title, "status": pathway.status},
        filters={"type": ("pathway",), "status": (pathway.status,), "issuer": (pathway.issuer_id,)},
    )


def issuer_record(issuer: Issuer) -> SearchRecord:
    return SearchRecord(
        url=f"issuers/{issuer.id}/",
        title=issuer.name,
        emphasis=(),
        body=distinct_words(issuer.description.source),
        meta={"id": issuer.id, "type": "issuer", "title": issuer.name},
        filters={"type": ("issuer",), "issuer": (issuer.id,)},
    )


def vocabulary_order(schema_dir: Path) -> dict[str, tuple[str, ...]]:
    """Each vocabulary's values in the schema's order (grade bands youngest first)."""
    definitions = json.loads((schema_dir / "credential.schema.json").read_text(encoding="utf-8"))["$defs"]
    return {name: tuple(definitions[name].get("enum", ())) for _, _, name, _ in _VOCABULARY_FACETS}


def catalog_facets(catalog: Catalog, order: Mapping[str, tuple[str, ...]] | None = None) -> tuple[Facet, ...]:
    """The facet groups of /catalog/ with every value that active credentials use.

    Retired credentials stay out of the facets (the contract keeps them out of filters);
    `order` (see `vocabulary_order`) sorts vocabulary values, unknown ones go last.
    """
    active = catalog.active_credentials
    order = order or {}

    def vocabulary(key: str, legend: str, definition: str, attribute: str) -> Facet:
        used = {v for c in active for v in getattr(c, attribute)}
        ranking = {v: i for i, v in enumerate(order.get(definition, ()))}
        ordered = sorted(used, key=lambda v: (ranking.get(v, len(ranking)), display.label(v).casefold()))
        return Facet(key, legend, tuple(FacetValue(v, display.label(v)) for v in ordered))

    role, grade, subject, evidence = (vocabulary(*facet) for facet in _VOCABULARY_FACETS)
    issuer_ids = {c.issuer_id for c in active}
    issuers = Facet("issuer", "Issuer", tuple(
        FacetValue(i.id, i.name) for i in catalog.issuers.values() if i.id in issuer_ids))
    buckets = {hours_bucket(c.estimated_hours) for c in active}
    hours = Facet("hours", "Estimated hours", tuple(
        FacetValue(value, label) for _, value, label in HOURS_BUCKETS if value in buckets))
    costs = {cost_value(c) for c in active}
    cost = Facet("cost", "Cost", tuple(FacetValue(v, label) for v, label in COST_LABELS.items() if v in costs))
    return role, grade, subject, issuers, evidence, hours, cost
