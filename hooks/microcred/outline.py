"""The outline of a rendered page: its h2 and h3 headings that carry an id, as the table
of contents tokens of Python-Markdown's toc extension (which mkdocs turns into page.toc).

Catalog pages are rendered from templates, not markdown, so the outline is read from the
HTML the templates made: whatever section a template adds is in the outline. The
templates write every heading they give an id whole, so a pattern finds them (it runs
once per credential page, where an HTML parser would add seconds to a large catalog's
build); headings in contributors' markdown carry no id and are left out.
"""

from __future__ import annotations

import re
from html import escape, unescape

_HEADING = re.compile(r'<h([23])\s+id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]*>")


def outline(html: str) -> list[dict]:
    """Each h2 with the h3s that follow it as its children; the names are HTML (escaped
    text), as the theme prints a table of contents entry as it is."""
    tokens: list[dict] = []
    for level, ident, inner in _HEADING.findall(html):
        text = " ".join(unescape(_TAG.sub("", inner)).split())
        token = {"level": int(level), "id": unescape(ident), "name": escape(text, quote=False), "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
