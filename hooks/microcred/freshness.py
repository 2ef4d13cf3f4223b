"""Which credentials cards mark as new or updated: those first published, or last changed,
within RECENT_DAYS of the build date.

The build date comes from SOURCE_DATE_EPOCH when it is set (see the mkdocs adapter), so
two builds of one commit mark the same cards whatever the day they run.
"""

from __future__ import annotations

from datetime import date

from .model import Credential

RECENT_DAYS = 60


def freshness(credential: Credential, today: date) -> str | None:
    """"new", "updated" or None; a retired credential is neither, whatever its dates."""
    if credential.is_retired:
        return None
    if (today - credential.published).days <= RECENT_DAYS:
        return "new"
    if credential.updated and (today - credential.updated).days <= RECENT_DAYS:
        return "updated"
    return None
