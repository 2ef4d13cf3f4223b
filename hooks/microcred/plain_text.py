"""Plain text of a markdown field, for places that show no markup: the meta
description, JSON-LD and Open Badges documents.

It is read from the sanitised HTML rather than the source, so `**bold**` and
`[text](url)` come out as their words and `&amp;` as `&`, exactly as the page shows them.
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

# Text inside these runs on with the words around it; every other element (paragraph,
# list item, table cell, line break ...) separates words.
_INLINE_TAGS = {"a", "em", "strong", "del", "code"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


@lru_cache(maxsize=4096)  # an issuer's description is asked for by every one of its credentials
def plain_text(html: str) -> str:
    """The text a reader sees in `html`, on one line with single spaces."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())
