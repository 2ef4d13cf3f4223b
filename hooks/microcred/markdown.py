"""Markdown fields: GitHub Flavored Markdown, rendered when first needed and sanitised.

cmarkgfm (GitHub's own C renderer) is used instead of Python-Markdown because it is
the dialect issuers write on GitHub and it is far faster; its safe mode drops raw
HTML, and nh3 then keeps only an allow-list of tags and attributes, and of links only
absolute http(s) and mailto ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

# Headings start at h3: the page owns h1 and its section headings are h2.
ALLOWED_TAGS = {
    "p", "br", "hr", "a", "em", "strong", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}
# No `align`: it is obsolete in HTML5, and style attributes would need a looser CSP.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# A scheme-less href resolves against the page (`page`, `/x`, `https:/x`) or borrows its
# scheme (`//host/x`): a link that looks local may lead anywhere, so only these survive.
_ABSOLUTE_LINKS = ("http://", "https://", "mailto:")
_CMARK_OPTIONS = Options.CMARK_OPT_VALIDATE_UTF8 | Options.CMARK_OPT_NORMALIZE


@dataclass(frozen=True)
class Markdown:
    """A markdown field: the issuer's source, and its sanitised HTML rendered when first
    asked for, so that `make validate` never renders a field."""

    source: str

    @cached_property
    def html(self) -> str:
        return sanitised_html(self.source)

    def __str__(self) -> str:
        return self.html


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: drop an href that is not absolute; the link text stays."""
    if attribute == "href" and not value.lower().startswith(_ABSOLUTE_LINKS):
        return None
    return value


def render_markdown(source: str) -> Markdown:
    return Markdown(source)


@lru_cache(maxsize=65536)  # keyed by the source text: unchanged fields render once per serve session
def sanitised_html(source: str) -> str:
    html = cmarkgfm.github_flavored_markdown_to_html(source, options=_CMARK_OPTIONS)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_absolute_links_only,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )
    return clean.strip()
