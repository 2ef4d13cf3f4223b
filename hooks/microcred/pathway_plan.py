"""What a pathway asks of an educator and whom it is for: what its card, its page and the
staff plan show, and the facets of /pathways/.

The totals come from `pathway_routes`. A role or grade band is the pathway's when an
educator of that role or band can earn the whole pathway with credentials meant for them:
every stage offers its required count of such credentials (and the capstone is one).
Subjects are what the pathway covers: every subject of its credentials. Each vocabulary
is in the schema's order (grade bands youngest first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import display
from .i18n import N_, SOURCE, Interface
from .model import Catalog, Credential, Pathway
from .pathway_routes import Totals, has_choice, totals
from .search_index import Facet, FacetValue

FACETS_ABOVE = 6  # /pathways/ offers facets once it lists more pathways than fit in a glance
# (facet key, legend, schema vocabulary, Credential attribute): the catalog's query keys.
_AUDIENCE = (
    ("role", N_("Role"), "role", "roles"),
    ("grade", N_("Grade band"), "grade_band", "grade_bands"),
    ("subject", N_("Subject"), "subject", "subjects"),
)


@dataclass(frozen=True)
class Plan:
    totals: Totals
    has_choice: bool
    roles: tuple[str, ...]
    grade_bands: tuple[str, ...]
    subjects: tuple[str, ...]

    @property
    def audience(self) -> dict[str, tuple[str, ...]]:
        """Roles, grade bands and subjects by facet key."""
        return {"role": self.roles, "grade": self.grade_bands, "subject": self.subjects}

    @property
    def facet_tokens(self) -> str:
        """The audience as "key:value" words, which the /pathways/ facets filter cards by."""
        return " ".join(f"{key}:{value}" for key, values in self.audience.items() for value in values)


def _ordered(values, order: tuple[str, ...]) -> tuple[str, ...]:
    """Distinct values in the vocabulary's order; values the order lacks go last, by label."""
    ranking = {value: index for index, value in enumerate(order)}
    return tuple(sorted(set(values), key=lambda v: (ranking.get(v, len(ranking)), display.label(v).casefold())))


def _served(pathway: Pathway, credentials: Mapping[str, Credential], attribute: str) -> set[str]:
    """Values (roles, grade bands) with which every stage can be completed; retired
    credentials, no longer offered, serve no one."""
    def offers(cid: str, value: str) -> bool:
        return not credentials[cid].is_retired and value in getattr(credentials[cid], attribute)

    stages = pathway.route_stages
    values = {v for stage in stages for cid in stage.credentials for v in getattr(credentials[cid], attribute)}
    return {
        value for value in values
        if (pathway.capstone is None or offers(pathway.capstone, value))
        and all(
            sum(offers(cid, value) for cid in stage.credentials)
            >= min(stage.required_count, sum(not credentials[cid].is_retired for cid in stage.credentials))
            for stage in stages
        )
    }


def plan(pathway: Pathway, credentials: Mapping[str, Credential], vocabularies: Mapping[str, tuple[str, ...]]) -> Plan:
    order = {attribute: vocabularies.get(vocabulary, ()) for _, _, vocabulary, attribute in _AUDIENCE}
    subjects = (v for cid in pathway.credential_ids if not credentials[cid].is_retired for v in credentials[cid].subjects)
    return Plan(
        totals=totals(pathway, credentials),
        has_choice=has_choice(pathway),
        roles=_ordered(_served(pathway, credentials, "roles"), order["roles"]),
        grade_bands=_ordered(_served(pathway, credentials, "grade_bands"), order["grade_bands"]),
        subjects=_ordered(subjects, order["subjects"]),
    )


def pathway_facets(catalog: Catalog, vocabularies: Mapping[str, tuple[str, ...]], ui: Interface = SOURCE) -> tuple[Facet, ...]:
    """The facet groups of /pathways/ with the values its pathways use, in the interface's
    language; none for a list short enough to read whole."""
    if len(catalog.pathways) <= FACETS_ABOVE:
        return ()
    audiences = [plan(p, catalog.credentials, vocabularies).audience for p in catalog.pathways.values()]
    return tuple(
        Facet(key, ui.gettext(legend), tuple(
            FacetValue(v, display.label(v, ui))
            for v in _ordered((v for audience in audiences for v in audience[key]), vocabularies.get(vocabulary, ()))
        ))
        for key, legend, vocabulary, _ in _AUDIENCE
    )
