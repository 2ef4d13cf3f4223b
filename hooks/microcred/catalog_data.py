"""What the catalog page's finder filters, sorts and shows, as a few static files.

/catalog/ holds only the first page of the plain list (paging.py), so the finder
(assets/javascripts/catalog.js) reads the catalog from files of its own:
- the finder data, one file: the facets' values in the page's order, and for each
  credential, in the catalog's order (the order Pagefind's result-id map follows, see
  search_format.encode_result_ids), its facet values as numbers (the n-th value of the
  page's facets), its hours, cost and date of first publication, which credentials are
  retired, and the names of the card files;
- card files, fetched for the results shown: the cards of `CARDS_PER_FILE` credentials in
  a row, rendered by the build from the same partial as the plain list's, so a result
  looks exactly like a card of the list.
Each file is a bundle as search_format.py describes (pack: gzipped, so it costs few bytes
on any host; catalog.js reads it with DecompressionStream) holding one member,
`finder.json` or `cards.html`, and is named by its content, so a browser may keep it while
the catalog does not change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from .model import Catalog, Credential
from .search_format import id_checksum, pack
from .search_index import Facet, credential_facets

FOLDER = "catalog/data"  # under the site root
DATA = "finder.json"  # the member of the finder data's bundle
CARDS = "cards.html"  # the member of a card file
CARDS_PER_FILE = 8  # a page of 12 results scattered over the catalog fetches at most 12 small files
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class FinderFiles:
    data: str  # the finder data's path under the site root
    files: Mapping[str, bytes]  # every file's path under the site root -> its bytes


def _named(member: str, content: bytes) -> tuple[str, bytes]:
    blob = pack({member: content})
    return f"{FOLDER}/{hashlib.sha256(blob).hexdigest()[:16]}.bin", blob


def finder_data(catalog: Catalog, facets: tuple[Facet, ...], card_files: list[str]) -> dict:
    """The finder data as plain values (see the module's docstring)."""
    numbers: dict[tuple[str, str], int] = {}
    for facet in facets:
        for option in facet.values:
            numbers[(facet.key, option.value)] = len(numbers)
    credentials = list(catalog.credentials.values())

    def values(credential: Credential) -> list[int]:
        found = (numbers.get((key, value)) for key, held in credential_facets(credential).items() for value in held)
        return sorted(number for number in found if number is not None)

    return {
        "checksum": id_checksum(list(catalog.credentials)),
        "facets": [[facet.key, [option.value for option in facet.values]] for facet in facets],
        "values": [values(c) for c in credentials],
        "hours": [c.estimated_hours for c in credentials],
        "cost": [c.cost.amount for c in credentials],
        "published": [(c.published - _EPOCH).days for c in credentials],
        "retired": [n for n, c in enumerate(credentials) if c.is_retired],
        "per_file": CARDS_PER_FILE,
        "cards": [path.rsplit("/", 1)[1] for path in card_files],
    }


def finder_files(catalog: Catalog, facets: tuple[Facet, ...],
                 render_cards: Callable[[tuple[tuple[int, Credential], ...]], str]) -> FinderFiles:
    """The finder data and the card files. `render_cards` renders (place, credential)
    entries as the plain list's items (partials/catalog/card-items.html)."""
    entries = tuple(enumerate(catalog.credentials.values()))
    files = dict(
        _named(CARDS, render_cards(entries[start:start + CARDS_PER_FILE]).encode("utf-8"))
        for start in range(0, len(entries), CARDS_PER_FILE)
    )
    data_path, data = _named(DATA, json.dumps(finder_data(catalog, facets, list(files)), separators=(",", ":")).encode("utf-8"))
    return FinderFiles(data=data_path, files={**files, data_path: data})
