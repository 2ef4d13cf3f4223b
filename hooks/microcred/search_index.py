"""What the search index holds: one record per published credential, pathway and issuer,
and the facets of /catalog/.

Engine-agnostic: records are plain data (weighted text, metadata, filter values) built
from the model, never scraped from rendered pages, so the index is exact
and cheap to build. `pagefind_index.py` hands them to Pagefind.

A record ranks its text in four tiers: the title; the keywords (what an educator types
for a credential: its tags, its vocabulary values by label and synonym, its alignments,
its issuer and, when not the site's, its language); the competency and summary; then the
rest. The last two tiers are indexed as their distinct words, each once, so that long,
repetitive text (rubric prompts echo the competency's words; a Spanish summary says "el"
five times) cannot outrank a title or keyword match. Phrase search in them is the price;
it also saves Pagefind a little work (a word found in all 10,000 credentials of the
benchmark: 1.6 s instead of 1.8 s).

Facet keys are the query-string keys of `/catalog/` (`?grade=3-5&subject=mathematics`),
so a shared link, the facet checkboxes and the finder's data agree on one vocabulary.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import display
from .i18n import N_, SOURCE, Interface
from .languages import primary
from .model import Catalog, Cost, Credential, Issuer, Pathway
from .site_urls import credential_page_path, issuer_page_path, pathway_page_path
from .synonyms import words_for

# (bound in hours, value, label): a credential falls in the first range whose bound is
# above its hours, so each range holds its lower bound and not its upper one, as its label
# says: a 10-hour credential is "10 to under 20 hours". The last range has no bound.
HOURS_BUCKETS = (
    (5, "under-5", N_("Under 5 hours")),
    (10, "5-to-10", N_("5 to under 10 hours")),
    (20, "10-to-20", N_("10 to under 20 hours")),
    (None, "20-plus", N_("20 hours or more")),
)
# The same for the amount of a paid credential, in its own currency (amounts in two
# currencies are not compared): "usd-under-50" is "Under 50 USD".
COST_RANGES = (
    (50, "under-50", N_("Under 50 {currency}")),
    (100, "50-to-100", N_("50 to under 100 {currency}")),
    (250, "100-to-250", N_("100 to under 250 {currency}")),
    (None, "250-plus", N_("250 {currency} or more")),
)
FREE = "free"
_WORD = re.compile(r"\w[\w'’-]*")
_URL = re.compile(r"\bhttps?://\S+")
# What Pagefind drops from a word (search-query.js drops the same from a query): dashes,
# brackets, quotes and other punctuation.
_PUNCTUATION = frozenset({"Pd", "Pe", "Pf", "Pi", "Po", "Ps"})

# (filter key, legend, schema $defs name, Credential attribute) of the vocabulary facets.
_VOCABULARY_FACETS = {
    "role": (N_("Role"), "role", "roles"),
    "grade": (N_("Grade band"), "grade_band", "grade_bands"),
    "subject": (N_("Subject"), "subject", "subjects"),
    "evidence": (N_("Evidence type"), "evidence_type", "evidence_types"),
    "credit": (N_("Credit"), "credit_type", "credit_types"),
}


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the site root, e.g. "credentials/exit-tickets/"
    title: str  # ranked highest
    keywords: tuple[str, ...]  # ranked next: what an educator types for the item
    emphasis: tuple[str, ...]  # ranked above the body (a credential's competency and summary)
    body: str  # distinct words of the rest of the text, see distinct_words()
    # What the header search shows of a result: its title (and the id, which maps a
    # credential's result to its place in the catalog). Pagefind also searches metadata,
    # so no more is stored: every word of it is indexed again and weighs on each query.
    meta: Mapping[str, str]
    # Its type and status, which the header search shows; filters are not searched.
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
    """The estimated-hours range a credential falls in: 4.5 -> "under-5", 10 -> "10-to-20"."""
    return next(value for bound, value, _ in HOURS_BUCKETS if bound is None or hours < bound)


def cost_value(cost: Cost) -> str:
    """"free", or the range of a paid amount in its currency: 49 USD -> "usd-under-50"."""
    if cost.is_free:
        return FREE
    bucket = next(value for bound, value, _ in COST_RANGES if bound is None or cost.amount < bound)
    return f"{cost.currency.lower()}-{bucket}"


def credential_facets(credential: Credential) -> dict[str, tuple[str, ...]]:
    """The facet values a credential is found under, facet by facet in the page's order.

    A retired credential has its values too: the finder leaves it out unless the reader
    includes retired credentials, and then every facet applies to it as to the others.
    """
    return {
        "role": credential.roles,
        "grade": credential.grade_bands,
        "subject": credential.subjects,
        "issuer": (credential.issuer_id,),
        "evidence": credential.evidence_types,
        "hours": (hours_bucket(credential.estimated_hours),),
        "cost": (cost_value(credential.cost),),
        "language": (credential.language,),
        "credit": credential.credit_types,
    }


def search_records(catalog: Catalog, site_language: str = "en") -> tuple[SearchRecord, ...]:
    """Every published credential, pathway and issuer as a record (drafts never reach a
    Catalog), credentials in the catalog's order. `site_language` is the language of the
    site's pages: a credential in another language is also found by that language's name."""
    credentials = tuple(credential_record(credential, catalog, site_language) for credential in catalog.credentials.values())
    pathways = tuple(pathway_record(pathway, catalog) for pathway in catalog.pathways.values())
    issuers = tuple(issuer_record(issuer) for issuer in catalog.issuers.values())
    return credentials + pathways + issuers


def distinct_words(*texts: str | None) -> str:
    """Each word of the texts once, in order of first use (URLs in markdown and lone
    letters, such as the initials of cited authors, left out)."""
    words: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(_URL.sub(" ", text or "")):
            if len(word) > 1:
                words.setdefault(word.casefold(), word)
    return " ".join(words.values())


def _language_words(language: str, site_language: str) -> tuple[str, ...]:
    return () if primary(language) == primary(site_language) else display.language_names(language)


def credential_keywords(credential: Credential, issuer: Issuer, site_language: str = "en") -> tuple[str, ...]:
    """What an educator types for a credential besides words of its text."""
    values = (
        *credential.roles, *credential.grade_bands, *credential.subjects,
        *credential.evidence_types, *credential.credit_types,
    )
    alignments = (
        text for alignment in credential.alignments
        for text in (alignment.framework, alignment.name, *_code_words(alignment.code))
    )
    return tuple(dict.fromkeys((
        *credential.tags,
        *(word for value in values for word in words_for(value)),
        *alignments,
        issuer.name,
        *_language_words(credential.language, site_language),
    )))


def _code_words(code: str | None) -> tuple[str, ...]:
    """A standard's code and its parts: "CCSS.MATH.PRACTICE.MP3" is also found by "MP3"."""
    if not code:
        return ()
    parts = tuple(part for part in re.split(r"[\W_]+", code) if part)
    return (code, " ".join(parts)) if len(parts) > 1 else (code,)


def credential_record(credential: Credential, catalog: Catalog, site_language: str = "en") -> SearchRecord:
    issuer = catalog.issuers[credential.issuer_id]
    criteria = [c for part in credential.submission.parts for c in part.criteria]
    return SearchRecord(
        url=credential_page_path(credential.id),
        title=credential.title,
        keywords=credential_keywords(credential, issuer, site_language),
        emphasis=(distinct_words(credential.competency, credential.summary),),
        body=distinct_words(
            credential.key_method,
            *(r.citation for r in credential.research),
            *(part.title for part in credential.submission.parts),
            *(text for c in criteria for text in (c.prompt, c.passing)),
            credential.method_components.source,
            credential.supporting_rationale.source,
        ),
        meta={"id": credential.id, "title": credential.title},
        filters={"type": ("credential",), "status": (credential.status,)},
    )


def pathway_record(pathway: Pathway, catalog: Catalog) -> SearchRecord:
    issuer = catalog.issuers[pathway.issuer_id]
    members = (catalog.credentials[cid].title for cid in pathway.credential_ids if cid in catalog.credentials)
    return SearchRecord(
        url=pathway_page_path(pathway.id),
        title=pathway.title,
        keywords=(issuer.name,),
        emphasis=(pathway.summary,),
        body=distinct_words(
            *(stage.title for stage in pathway.stages),
            *members,
            pathway.description.source,
            *(stage.description.source for stage in pathway.stages if stage.description),
        ),
        meta={"id": pathway.id, "title": pathway.title},
        filters={"type": ("pathway",), "status": (pathway.status,)},
    )


def issuer_record(issuer: Issuer) -> SearchRecord:
    return SearchRecord(
        url=issuer_page_path(issuer.id),
        title=issuer.name,
        keywords=(),
        emphasis=(),
        body=distinct_words(issuer.description.source),
        meta={"id": issuer.id, "title": issuer.name},
        filters={"type": ("issuer",)},
    )


def index_words(text: str) -> set[str]:
    """The words Pagefind files a text under, written as search-query.js writes a query's words:
    lower case, without accents or punctuation; a word with punctuation inside ("K–2",
    "CCSS.MATH") also as its parts. Lone letters are left out."""
    return set().union(*(_token_words(token) for token in text.lower().split()))


def _token_words(token: str) -> set[str]:
    folded = "".join(ch for ch in unicodedata.normalize("NFD", token) if unicodedata.category(ch) != "Mn")
    parts = "".join(" " if unicodedata.category(ch) in _PUNCTUATION else ch for ch in folded).split()
    return {word for word in ("".join(parts), *parts) if len(word) > 1}


def lexicon(records: tuple[SearchRecord, ...]) -> tuple[str, ...]:
    """Every word the records are found by, sorted: search-query.js corrects a query's misspelt
    words against it, and knows a word no record has (Pagefind would answer it with the
    records of a shorter word: "calculus" with every cited author named C.). Words with a
    digit are left out (search-query.js takes a number as it is typed): years, pages and codes
    were nine tenths of its bytes at 10,000 credentials."""
    tokens: set[str] = set()  # each distinct token is folded once: records share most of theirs
    for record in records:
        for text in (record.title, *record.keywords, *record.emphasis, record.body):
            tokens.update(text.lower().split())
    words = set().union(*(_token_words(token) for token in tokens))
    return tuple(sorted(word for word in words if not any(ch.isdigit() for ch in word)))


def vocabulary_order(schema_dir: Path) -> dict[str, tuple[str, ...]]:
    """Each vocabulary's values in the schema's order (grade bands youngest first)."""
    definitions = json.loads((schema_dir / "credential.schema.json").read_text(encoding="utf-8"))["$defs"]
    return {name: tuple(definitions.get(name, {}).get("enum", ())) for _, name, _ in _VOCABULARY_FACETS.values()}


def catalog_facets(catalog: Catalog, order: Mapping[str, tuple[str, ...]] | None = None, ui: Interface = SOURCE) -> tuple[Facet, ...]:
    """The facet groups of /catalog/ with every value that active credentials use, in the
    order of `credential_facets`; a facet no active credential has a value of (credit, in a
    catalog without any) has no values, and the page leaves it out.

    Retired credentials add no values (the contract keeps them out of filters); `order`
    (see `vocabulary_order`) sorts vocabulary values, unknown ones go last. Legends and
    labels are in the interface's language (`ui`, the site's).
    """
    active = catalog.active_credentials
    order = order or {}

    def vocabulary(key: str) -> Facet:
        legend, definition, attribute = _VOCABULARY_FACETS[key]
        used = {v for c in active for v in getattr(c, attribute)}
        ranking = {v: i for i, v in enumerate(order.get(definition, ()))}
        ordered = sorted(used, key=lambda v: (ranking.get(v, len(ranking)), display.label(v, ui).casefold()))
        return Facet(key, ui.gettext(legend), tuple(FacetValue(v, display.label(v, ui)) for v in ordered))

    issuer_ids = {c.issuer_id for c in active}
    issuers = Facet("issuer", ui.gettext("Issuer"), tuple(
        FacetValue(i.id, i.name) for i in catalog.issuers.values() if i.id in issuer_ids))
    buckets = {hours_bucket(c.estimated_hours) for c in active}
    hours = Facet("hours", ui.gettext("Estimated hours"), tuple(
        FacetValue(value, ui.gettext(label)) for _, value, label in HOURS_BUCKETS if value in buckets))
    costs = {cost_value(c.cost) for c in active}
    currencies = sorted({c.cost.currency for c in active})
    cost = Facet("cost", ui.gettext("Cost"), tuple(
        [FacetValue(FREE, ui.gettext("Free"))] * (FREE in costs) + [
            FacetValue(f"{currency.lower()}-{value}", ui.gettext(label).format(currency=currency))
            for currency in currencies for _, value, label in COST_RANGES
            if f"{currency.lower()}-{value}" in costs
        ]))
    # Each language by its name in the site's language ("Spanish"; "Español" on a Spanish site).
    languages = sorted({c.language for c in active}, key=lambda tag: display.alphabetical(display.language_name(tag, ui)))
    language = Facet("language", ui.gettext("Language"), tuple(FacetValue(tag, display.language_name(tag, ui)) for tag in languages))
    return (
        vocabulary("role"),
        vocabulary("grade"),
        vocabulary("subject"),
        issuers,
        vocabulary("evidence"),
        hours,
        cost,
        language,
        vocabulary("credit"),
    )
