"""The catalog as plain, frozen data: what every page and export is rendered from.

Only published definitions (status `active` or `retired`) ever reach a `Catalog`:
drafts are dropped by `build_catalog`, so no renderer can leak one by mistake.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date

from .i18n import N_
from .languages import DEFAULT as DEFAULT_LANGUAGE
from .languages import canonical
from .layout import is_published
from .markdown import Markdown, render_markdown
from .plain_text import plain_text


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str
    description: Markdown
    source_path: str
    email: str | None = None
    logo: str | None = None  # path relative to the issuer folder
    ctid: str | None = None  # its Credential Registry id, when it has one
    language: str = DEFAULT_LANGUAGE  # of its name and description; its page speaks it

    @property
    def plain_description(self) -> str:
        """The description without markup, for meta tags, JSON-LD and Open Badges."""
        return plain_text(self.description.html)


@dataclass(frozen=True)
class Research:
    citation: str
    url: str | None = None
    doi: str | None = None

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else (self.url or "")


@dataclass(frozen=True)
class Resource:
    title: str
    url: str
    type: str


@dataclass(frozen=True)
class ScaleLevel:
    id: str
    label: str
    passing: bool = False


@dataclass(frozen=True)
class Criterion:
    id: str
    prompt: str
    passing: str


@dataclass(frozen=True)
class SubmissionPart:
    id: str
    kind: str  # introduction | evidence | reflection
    title: str
    instructions: Markdown
    criteria: tuple[Criterion, ...]
    word_limit: int | None = None


@dataclass(frozen=True)
class Submission:
    scale: tuple[ScaleLevel, ...]
    parts: tuple[SubmissionPart, ...]

    @property
    def passing_level(self) -> ScaleLevel:
        return next(level for level in self.scale if level.passing)

    @property
    def criteria_count(self) -> int:
        return sum(len(part.criteria) for part in self.parts)


@dataclass(frozen=True)
class Cost:
    amount: float
    currency: str

    @property
    def is_free(self) -> bool:
        return self.amount == 0


@dataclass(frozen=True)
class Alignment:
    framework: str
    name: str
    code: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Credit:
    """Recognition an educator can claim for the credential (CEUs, clock hours ...)."""

    type: str
    value: float
    recognized_by: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Change:
    """One entry of the version history."""

    version: str
    date: date
    summary: str


@dataclass(frozen=True)
class Credential:
    id: str
    issuer_id: str
    source_path: str
    title: str
    status: str
    version: str
    published: date
    summary: str
    competency: str
    key_method: str
    method_components: Markdown
    supporting_rationale: Markdown
    research: tuple[Research, ...]
    resources: tuple[Resource, ...]
    submission: Submission
    roles: tuple[str, ...]
    grade_bands: tuple[str, ...]
    subjects: tuple[str, ...]
    estimated_hours: float
    cost: Cost
    evidence_types: tuple[str, ...]
    earn_url: str
    updated: date | None = None
    tags: tuple[str, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    prerequisites: tuple[str, ...] = ()
    image: str | None = None  # path relative to the issuer folder
    replaced_by: str | None = None
    language: str = DEFAULT_LANGUAGE  # canonical BCP 47, of every text above
    translation_of: str | None = None  # the original this is a language edition of
    ctid: str | None = None  # as written; exports derive one when absent (ctid.py)
    credit: tuple[Credit, ...] = ()
    changes: tuple[Change, ...] = ()  # newest first

    @property
    def is_retired(self) -> bool:
        return self.status == "retired"

    @property
    def credit_types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(credit.type for credit in self.credit))

    @property
    def last_changed(self) -> date:
        return self.updated or self.published


@dataclass(frozen=True)
class Stage:
    title: str
    credentials: tuple[str, ...]
    choose: int | None = None
    description: Markdown | None = None
    is_capstone: bool = False  # the capstone's own stage, which route_stages adds (its title is a message id)

    @property
    def required_count(self) -> int:
        return self.choose or len(self.credentials)


@dataclass(frozen=True)
class Pathway:
    id: str
    issuer_id: str
    source_path: str
    title: str
    summary: str
    status: str
    description: Markdown
    stages: tuple[Stage, ...]
    capstone: str | None = None
    ctid: str | None = None  # as written; exports derive one when absent (ctid.py)
    language: str = DEFAULT_LANGUAGE
    translation_of: str | None = None

    @property
    def route_stages(self) -> tuple[Stage, ...]:
        """The stages an educator passes through: the capstone, when no stage lists it,
        comes last as a stage of its own (it culminates the pathway)."""
        if self.capstone is None or any(self.capstone in stage.credentials for stage in self.stages):
            return self.stages
        return (*self.stages, Stage(title=N_("Capstone"), credentials=(self.capstone,), is_capstone=True))

    @property
    def credential_ids(self) -> tuple[str, ...]:
        """Every credential of the pathway once, in stage order, the capstone included."""
        return tuple(dict.fromkeys(cid for stage in self.route_stages for cid in stage.credentials))


@dataclass(frozen=True)
class Catalog:
    """Published issuers, credentials and pathways, each keyed by id in a stable order
    (issuers by name, credentials and pathways by title then id)."""

    issuers: Mapping[str, Issuer]
    credentials: Mapping[str, Credential]
    pathways: Mapping[str, Pathway]
    # Derived once, so pages never search the whole catalog per page.
    recommended_next: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    pathways_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A credential's or pathway's language editions, the original first, then by language;
    # only items that have another edition are keys.
    editions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def other_editions(self, item_id: str) -> tuple[str, ...]:
        """The ids of a credential's or pathway's other language editions."""
        return tuple(eid for eid in self.editions.get(item_id, ()) if eid != item_id)

    def credentials_of(self, issuer_id: str) -> tuple[Credential, ...]:
        return tuple(c for c in self.credentials.values() if c.issuer_id == issuer_id)

    def pathways_by(self, issuer_id: str) -> tuple[Pathway, ...]:
        return tuple(p for p in self.pathways.values() if p.issuer_id == issuer_id)

    @property
    def active_credentials(self) -> tuple[Credential, ...]:
        return tuple(c for c in self.credentials.values() if not c.is_retired)


# --- building the model from validated documents -------------------------------------


def _tuple(values) -> tuple:
    return tuple(values or ())


def _language(doc: dict) -> str:
    # Validation refused every tag without a canonical form (languages.check_language).
    return canonical(doc.get("language", DEFAULT_LANGUAGE)) or DEFAULT_LANGUAGE


def _md(text: str | None) -> Markdown | None:
    return render_markdown(text) if text is not None else None


def _issuer(issuer_id: str, path: str, doc: dict) -> Issuer:
    return Issuer(
        id=issuer_id,
        name=doc["name"],
        url=doc["url"],
        description=render_markdown(doc["description"]),
        source_path=path,
        email=doc.get("email"),
        logo=doc.get("logo"),
        ctid=doc.get("ctid"),
        language=_language(doc),
    )


def _submission(doc: dict) -> Submission:
    return Submission(
        scale=tuple(
            ScaleLevel(id=s["id"], label=s["label"], passing=bool(s.get("passing", False)))
            for s in doc["scale"]
        ),
        parts=tuple(
            SubmissionPart(
                id=p["id"],
                kind=p["kind"],
                title=p["title"],
                instructions=render_markdown(p["instructions"]),
                criteria=tuple(Criterion(**c) for c in p["criteria"]),
                word_limit=p.get("word_limit"),
            )
            for p in doc["parts"]
        ),
    )


def _credential(cred_id: str, issuer_id: str, path: str, doc: dict) -> Credential:
    return Credential(
        id=cred_id,
        issuer_id=issuer_id,
        source_path=path,
        title=doc["title"],
        status=doc["status"],
        version=doc["version"],
        published=date.fromisoformat(doc["published"]),
        updated=date.fromisoformat(doc["updated"]) if doc.get("updated") else None,
        summary=doc["summary"],
        competency=doc["competency"],
        key_method=doc["key_method"],
        method_components=render_markdown(doc["method_components"]),
        supporting_rationale=render_markdown(doc["supporting_rationale"]),
        research=tuple(Research(**r) for r in doc["research"]),
        resources=tuple(Resource(**r) for r in doc["resources"]),
        submission=_submission(doc["submission"]),
        roles=_tuple(doc["roles"]),
        grade_bands=_tuple(doc["grade_bands"]),
        subjects=_tuple(doc["subjects"]),
        tags=_tuple(doc.get("tags")),
        estimated_hours=doc["estimated_hours"],
        cost=Cost(**doc["cost"]),
        evidence_types=_tuple(doc["evidence_types"]),
        alignments=tuple(Alignment(**a) for a in doc.get("alignments", ())),
        prerequisites=_tuple(doc.get("prerequisites")),
        earn_url=doc["earn_url"],
        image=doc.get("image"),
        replaced_by=doc.get("replaced_by"),
        language=_language(doc),
        translation_of=doc.get("translation_of"),
        ctid=doc.get("ctid"),
        credit=tuple(Credit(**c) for c in doc.get("credit", ())),
        changes=tuple(
            Change(version=c["version"], date=date.fromisoformat(c["date"]), summary=c["summary"])
            for c in doc.get("changes", ())
        ),
    )


def _pathway(pathway_id: str, issuer_id: str, path: str, doc: dict) -> Pathway:
    return Pathway(
        id=pathway_id,
        issuer_id=issuer_id,
        source_path=path,
        title=doc["title"],
        summary=doc["summary"],
        status=doc["status"],
        description=render_markdown(doc["description"]),
        stages=tuple(
            Stage(
                title=s["title"],
                credentials=_tuple(s["credentials"]),
                choose=s.get("choose"),
                description=_md(s.get("description")),
            )
            for s in doc["stages"]
        ),
        capstone=doc.get("capstone"),
        ctid=doc.get("ctid"),
        language=_language(doc),
        translation_of=doc.get("translation_of"),
    )


def _item(doc) -> Issuer | Credential | Pathway:
    if doc.kind == "issuer":
        return _issuer(doc.id, doc.path, doc.data)
    if doc.kind == "credential":
        return _credential(doc.id, doc.issuer_id, doc.path, doc.data)
    return _pathway(doc.id, doc.issuer_id, doc.path, doc.data)


def build_catalog(documents, made: MutableMapping | None = None) -> Catalog:
    """Turn validated `Document`s (see `load.py`) into a `Catalog` of published items.

    Expects documents that passed validation: it neither checks nor reports. `made`, kept
    from one call to the next, gives back the item made of the very same document (under
    `serve`, an unchanged file's): the same object, so nothing is made twice and comparing
    two catalogs finds at once what did not change.
    """
    issuers: dict[str, Issuer] = {}
    credentials: dict[str, Credential] = {}
    pathways: dict[str, Pathway] = {}
    for doc in documents:
        if doc.kind != "issuer" and not is_published(doc.data.get("status")):
            continue
        item = made.get(doc) if made is not None else None
        if item is None:
            item = _item(doc)
            if made is not None:
                made[doc] = item
        if isinstance(item, Issuer):
            issuers[doc.id] = item
        elif isinstance(item, Credential):
            credentials[doc.id] = item
        else:
            pathways[doc.id] = item

    by_title = lambda item: (item.title.casefold(), item.id)  # noqa: E731
    credentials = {c.id: c for c in sorted(credentials.values(), key=by_title)}
    pathways = {p.id: p for p in sorted(pathways.values(), key=by_title)}
    issuers = {i.id: i for i in sorted(issuers.values(), key=lambda i: (i.name.casefold(), i.id))}

    recommended_next: dict[str, list[str]] = {}
    for cred in credentials.values():
        for prereq in cred.prerequisites:
            recommended_next.setdefault(prereq, []).append(cred.id)
    pathways_of: dict[str, list[str]] = {}
    for pathway in pathways.values():
        for cid in pathway.credential_ids:
            pathways_of.setdefault(cid, []).append(pathway.id)

    return Catalog(
        issuers=issuers,
        credentials=credentials,
        pathways=pathways,
        recommended_next={k: tuple(v) for k, v in recommended_next.items()},
        pathways_of={k: tuple(v) for k, v in pathways_of.items()},
        editions=_editions([*credentials.values(), *pathways.values()]),
    )


def _editions(items) -> dict[str, tuple[str, ...]]:
    """Each edition group (an original and the items that are its translations, which
    validation keeps one level deep) under the id of every member."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.translation_of or item.id, []).append(item)
    editions = {}
    for original, members in groups.items():
        if len(members) > 1:
            ordered = sorted(members, key=lambda item: (item.id != original, item.language))
            editions.update(dict.fromkeys((item.id for item in ordered), tuple(item.id for item in ordered)))
    return editions
