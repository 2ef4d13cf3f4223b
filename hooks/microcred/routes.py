"""Routes through a pathway: what earning it costs in hours and money.

A stage with `choose` lets the educator pick, so a pathway has a cheapest route and a
longest route; without choices the two are the same route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from .model import Credential, Pathway


@dataclass(frozen=True)
class Route:
    credential_ids: tuple[str, ...]
    hours: float
    costs: tuple[tuple[str, float], ...]  # (currency, total) per currency, by currency

    @property
    def is_free(self) -> bool:
        return all(amount == 0 for _, amount in self.costs)


def route_of(credential_ids, credentials: Mapping[str, Credential]) -> Route:
    ids = tuple(dict.fromkeys(credential_ids))
    totals: dict[str, float] = {}
    for cid in ids:
        cost = credentials[cid].cost
        totals[cost.currency] = totals.get(cost.currency, 0) + cost.amount
    return Route(
        credential_ids=ids,
        hours=sum(credentials[cid].estimated_hours for cid in ids),
        costs=tuple(sorted(totals.items())),
    )


def _route(pathway: Pathway, credentials: Mapping[str, Credential], preference: Callable) -> Route:
    """Every stage's required count of credentials, the preferred ones first in choose stages;
    a retired credential is chosen only when a stage leaves no other."""
    chosen: list[str] = []
    for stage in pathway.route_stages:
        ranked = sorted(stage.credentials, key=lambda cid: (_is_retired(credentials[cid]), preference(credentials[cid])))
        chosen.extend(ranked[: stage.required_count])
    if pathway.capstone:
        chosen.append(pathway.capstone)  # required even when it sits in a `choose` stage
    return route_of(chosen, credentials)


def _is_retired(credential: Credential) -> bool:
    return credential.status == "retired"


def cheapest_route(pathway: Pathway, credentials: Mapping[str, Credential]) -> Route:
    """Lowest cost, then fewest hours (ids break ties, so the route is stable)."""
    return _route(pathway, credentials, lambda c: (c.cost.amount, c.estimated_hours, c.id))


def longest_route(pathway: Pathway, credentials: Mapping[str, Credential]) -> Route:
    """Most hours, then highest cost: the upper bound an educator should plan for."""
    return _route(pathway, credentials, lambda c: (-c.estimated_hours, -c.cost.amount, c.id))


def has_choice(pathway: Pathway) -> bool:
    return any(stage.required_count < len(stage.credentials) for stage in pathway.stages)


def where_to_start(pathway: Pathway, credentials: Mapping[str, Credential]) -> tuple[str, ...]:
    """Credentials of the pathway an educator can begin with: still offered (not retired),
    with no prerequisite to earn first."""
    return tuple(
        cid for cid in pathway.credential_ids
        if not credentials[cid].prerequisites and not _is_retired(credentials[cid])
    )
