"""Routes through a pathway: where an educator starts, what each stage asks, and what
earning the whole pathway takes in credentials, hours and money.

Stages are an order: an educator completes stage k (all its credentials, or `choose` N
of them) before stage k+1, so the first stage is where to start. A stage with `choose`
lets the educator pick, so hours and cost run from the lightest choices to the heaviest;
without a choice every route is the same one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .i18n import SOURCE, Interface
from .model import Credential, Pathway, Stage

Costs = tuple[tuple[str, float], ...]  # (currency, total) per currency, by currency


@dataclass(frozen=True)
class Route:
    credential_ids: tuple[str, ...]
    hours: float
    costs: Costs


@dataclass(frozen=True)
class Totals:
    """What earning a pathway takes: every route earns as many credentials; hours and costs
    run from the route with the fewest (the lowest) to the one with the most (the highest)."""

    credentials: int
    hours: tuple[float, float]
    costs: tuple[Costs, Costs]


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
    """Every stage's required count of credentials, the preferred ones first in choose stages.

    The capstone is required, so in a choose stage it is one of the chosen; a retired
    credential is chosen only when a stage leaves no other.
    """
    chosen: list[str] = []
    for stage in pathway.route_stages:
        ranked = sorted(stage.credentials, key=lambda cid: (
            cid != pathway.capstone, credentials[cid].is_retired, preference(credentials[cid])))
        chosen.extend(ranked[: stage.required_count])
    return route_of(chosen, credentials)


def cheapest_route(pathway: Pathway, credentials: Mapping[str, Credential]) -> Route:
    """Lowest cost, then fewest hours (ids break ties, so the route is stable)."""
    return _route(pathway, credentials, lambda c: (c.cost.amount, c.estimated_hours, c.id))


def longest_route(pathway: Pathway, credentials: Mapping[str, Credential]) -> Route:
    """Most hours, then highest cost: the upper bound an educator should plan for."""
    return _route(pathway, credentials, lambda c: (-c.estimated_hours, -c.cost.amount, c.id))


def totals(pathway: Pathway, credentials: Mapping[str, Credential]) -> Totals:
    cheapest = cheapest_route(pathway, credentials)
    longest = longest_route(pathway, credentials)
    shortest = _route(pathway, credentials, lambda c: (c.estimated_hours, c.cost.amount, c.id))
    dearest = _route(pathway, credentials, lambda c: (-c.cost.amount, -c.estimated_hours, c.id))
    return Totals(len(cheapest.credential_ids), (shortest.hours, longest.hours), (cheapest.costs, dearest.costs))


def has_choice(pathway: Pathway) -> bool:
    return any(stage.required_count < len(stage.credentials) for stage in pathway.stages)


def requirement(stage: Stage, ui: Interface = SOURCE) -> str:
    """What a stage asks of the educator, in words: "Choose 1 of 3 credentials"."""
    listed = len(stage.credentials)
    numbers = {"count": stage.required_count, "listed": listed}
    if stage.required_count < listed:
        return ui.ngettext("Choose %(count)s of %(listed)s credential", "Choose %(count)s of %(listed)s credentials", listed) % numbers
    if listed == 1:
        return ui.gettext("Earn this credential")
    if listed == 2:
        return ui.gettext("Earn both credentials")
    return ui.ngettext("Earn all %(listed)s credential", "Earn all %(listed)s credentials", listed) % numbers


def where_to_start(pathway: Pathway, credentials: Mapping[str, Credential]) -> tuple[str, ...]:
    """The credentials of the first stage that are still offered (not retired): the stage
    order puts every other stage after it, whatever its credentials' prerequisites."""
    return tuple(cid for cid in pathway.route_stages[0].credentials if not credentials[cid].is_retired)
