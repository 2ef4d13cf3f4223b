"""What each page and export read of the catalog, and which of them an edit makes stale.

While `serve` runs, saving one credential must not rebuild thousands of pages. Each page
and export is made from a catalog that notes what is read of it (`recording`): which
entries of its maps (a credential by id, an issuer's pathways...), or a whole map when
it is gone through (a list of every credential). After the next load, `catalog_changes`
says which entries differ, and `is_stale` which pages and exports read any of them: only
those are made again, and the result is the same as making everything again.

The templates and exports need no bookkeeping of their own: everything they show of the
catalog comes through its maps (the items in them are plain values, which refer to each
other by id), so whatever they read is noted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .model import Catalog

WHOLE = None  # a Read's key when the whole map was gone through or counted

Read = tuple[str, Any]  # (a Catalog field, a key of that map or WHOLE)


class _Recording(Mapping):
    """One of the catalog's maps, noting each key asked for (found or not: a page that
    looked for a missing id changes when it appears) and any pass over the whole map."""

    def __init__(self, name: str, entries: Mapping, reads: set[Read]):
        self._name, self._entries, self._reads = name, entries, reads

    def __getitem__(self, key):
        self._reads.add((self._name, key))
        return self._entries[key]

    def __contains__(self, key) -> bool:
        self._reads.add((self._name, key))
        return key in self._entries

    def get(self, key, default=None):
        self._reads.add((self._name, key))
        return self._entries.get(key, default)

    def __iter__(self) -> Iterator:
        self._reads.add((self._name, WHOLE))
        return iter(self._entries)

    def __len__(self) -> int:
        self._reads.add((self._name, WHOLE))
        return len(self._entries)

    def keys(self):
        self._reads.add((self._name, WHOLE))
        return self._entries.keys()

    def values(self):
        self._reads.add((self._name, WHOLE))
        return self._entries.values()

    def items(self):
        self._reads.add((self._name, WHOLE))
        return self._entries.items()


def recording(catalog: Catalog, reads: set[Read]) -> Catalog:
    """The same catalog, adding to `reads` whatever is read of its maps."""
    return dataclasses.replace(catalog, **{
        name: _Recording(name, value, reads) for name, value in _maps(catalog).items()
    })


def _maps(catalog: Catalog) -> dict[str, Mapping]:
    return {f.name: getattr(catalog, f.name) for f in dataclasses.fields(catalog)}


def catalog_changes(old: Catalog, new: Catalog) -> frozenset[Read]:
    """Each (map, key) whose entry was added, removed or changed, and (map, WHOLE) for each
    map with any such key (its order may have changed too: a new title sorts elsewhere)."""
    changes: set[Read] = set()
    for name, before in _maps(old).items():
        after = getattr(new, name)
        keys = {key for key in before.keys() | after.keys()
                if key not in before or key not in after or not _same(before[key], after[key])}
        if keys or list(before) != list(after):
            changes.add((name, WHOLE))
        changes.update((name, key) for key in keys)
    return frozenset(changes)


def _same(before, after) -> bool:
    return before is after or before == after


def is_stale(reads: frozenset[Read], changes: frozenset[Read]) -> bool:
    """Whether what was made from `reads` may differ now: it read a changed entry, or went
    through a map that changed."""
    return not reads.isdisjoint(changes)


@dataclass(frozen=True)
class Made:
    """What one page or export read of the catalog, and the site paths it wrote."""

    reads: frozenset[Read]
    paths: tuple[str, ...]

    @property
    def is_catalog_wide(self) -> bool:
        """It went through a whole map (every credential...): a list, a count, a search index."""
        return any(key is WHOLE for _, key in self.reads)
