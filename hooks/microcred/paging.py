"""The plain list of /catalog/ in pages: /catalog/, /catalog/page/2/, ... (their paths:
site_urls.listing_path).

Without JavaScript the catalog is a list of cards. Listing every credential on one page
made /catalog/ 8 MB of HTML at 10,000 credentials; a page of `PAGE_SIZE` cards keeps it
light at any size, and each page links its neighbours. The list is the active
credentials, then the retired ones, each in the catalog's order. With JavaScript the
finder on /catalog/ searches the whole catalog instead (catalog_data.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Catalog, Credential

PAGE_SIZE = 50
_AROUND = 2  # page links on each side of the current one; further ones are elided


@dataclass(frozen=True)
class ListingPage:
    number: int  # from 1
    count: int  # pages in the list
    # (place in the catalog's order, credential): the place is the credential's number in
    # the finder's data, so the finder can show the page's cards without fetching them.
    entries: tuple[tuple[int, Credential], ...]
    first: int  # the list position of the first entry, from 1

    @property
    def active(self) -> tuple[tuple[int, Credential], ...]:
        return tuple(entry for entry in self.entries if not entry[1].is_retired)

    @property
    def retired(self) -> tuple[tuple[int, Credential], ...]:
        return tuple(entry for entry in self.entries if entry[1].is_retired)

    @property
    def last(self) -> int:
        return self.first + len(self.entries) - 1

    @property
    def links(self) -> tuple[int | None, ...]:
        """The page numbers to link, None where a run of them is left out:
        page 7 of 20 -> (1, None, 5, 6, 7, 8, 9, None, 20)."""
        shown = sorted({1, self.count, *range(self.number - _AROUND, self.number + _AROUND + 1)} & set(range(1, self.count + 1)))
        links: list[int | None] = []
        for number in shown:
            if links and number - links[-1] > 1:
                links.append(None)
            links.append(number)
        return tuple(links)


def listing_pages(catalog: Catalog, size: int = PAGE_SIZE) -> tuple[ListingPage, ...]:
    """The pages of the plain list; a catalog without credentials has one, empty."""
    place = {cid: n for n, cid in enumerate(catalog.credentials)}
    ordered = [c for c in catalog.credentials.values() if not c.is_retired] + [c for c in catalog.credentials.values() if c.is_retired]
    count = max(1, -(-len(ordered) // size))
    return tuple(
        ListingPage(
            number=n + 1,
            count=count,
            entries=tuple((place[c.id], c) for c in ordered[n * size:(n + 1) * size]),
            first=n * size + 1,
        )
        for n in range(count)
    )
