"""The catalog as plain, frozen data: what every page and export is rendered from.

Only published definitions (status `active` or `retired`) ever reach a `Catalog`:
drafts are dropped by `build_model.build_catalog`, so no renderer can leak one by mistake.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .i18n import N_
from .languages import DEFAULT as DEFAULT_LANGUAGE
from .markdown import Markdown
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
