"""A scan of every file of a built site for markup that would run code, load from
elsewhere or embed a document: what contributor text must never become.

Shared by the product's hostile-input suite (tests/test_site_hostile.py, where every
field carries a script naming MARKER) and by the catalog checks that an adopter's CI
runs on whatever catalog/ holds (tests/catalog_checks/).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from microcred.search_format import unpack

from site_html import Element, parse

MARKER = "pwned"  # what the hostile fixture's scripts say: found in code, it came from contributor text


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background"}
# Elements no page of the site has: only an injection could bring them.
NEVER_IN_THE_SITE = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# Binary search-index data (compressed word lists, WebAssembly) and raster images (issuers
# may publish any of these formats): no markup.
BINARY = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pagefind", ".pf_index", ".pf_filter", ".pf_meta"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's CSV injection characters
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers ignore these in a URL: `java\tscript:` runs


def raw_text(element: Element) -> str:
    return "".join(c for c in element.children if isinstance(c, str))


def dangers_in_markup(markup: str) -> list[str]:
    """What in HTML or SVG would run code, load from elsewhere or embed a document."""
    found = []
    for el in parse(markup).iter():
        if el.tag in NEVER_IN_THE_SITE:
            found.append(f"<{el.tag}> element")
        for name, value in el.attrs.items():
            url = _URL_NOISE.sub("", value).lower()
            if name.startswith("on"):
                found.append(f"<{el.tag} {name}=...> event handler")
            elif name in URL_ATTRIBUTES and (re.match(r"(javascript|vbscript|data):", url) or MARKER in value):
                found.append(f"<{el.tag} {name}={value!r}>")
        if el.tag == "script" and el.attrs.get("type") in DATA_SCRIPT_TYPES:
            try:
                json.loads(raw_text(el))
            except ValueError:
                found.append("data block that text broke out of")
        elif el.tag in ("script", "style") and MARKER in raw_text(el):
            found.append(f"<{el.tag}> with contributor text")
    return found


def _json_html(value) -> list[str]:
    """The `html` values of a JSON document: the sanitised markdown clients render as HTML."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "html" and isinstance(v, str)] + _json_html(list(value.values()))
    if isinstance(value, list):
        return [html for item in value for html in _json_html(item)]
    return []


def dangers_in_xml(text: str) -> list[str]:
    """Feeds and sitemaps: well-formed, no active element, escaped HTML content scanned too."""
    found = []
    for el in ET.fromstring(text).iter():
        tag = el.tag.rpartition("}")[2]
        if tag in NEVER_IN_THE_SITE | {"script", "style"}:
            found.append(f"<{tag}> element")
        if el.get("type") in ("html", "xhtml"):  # Atom: feed readers render this text as HTML
            found += dangers_in_markup(el.text or "")
        found += [f"<{tag} {name}={value!r}>" for name, value in el.attrib.items()
                  if re.match(r"(javascript|vbscript|data):", _URL_NOISE.sub("", value).lower())]
    return found


def dangers_in_file(file: Path) -> list[str]:
    return dangers_in_data(file, file.read_bytes())


def dangers_in_data(file: Path, data: bytes) -> list[str]:
    if file.suffix == ".bin":  # a search bundle: copies of Pagefind's files, each scanned as itself
        return [d for name, member in unpack(data).items() for d in dangers_in_data(Path(name), member)]
    if data[:2] == b"\x1f\x8b":  # the sitemap's .gz copy, Pagefind's fragments
        data = gzip.decompress(data)
    suffix = file.suffixes[-2] if file.suffix == ".gz" else file.suffix
    if suffix in BINARY:
        return []
    if suffix == ".pf_fragment":  # Pagefind's signature, then one record: data the search shows as text
        json.loads(data[data.index(b"{"):])
        return []
    text = data.decode("utf-8")
    if suffix == ".txt":  # plain text: nothing in it is markup
        return []
    if suffix in (".html", ".svg"):
        return dangers_in_markup(text)
    if suffix in (".json", ".map"):
        return [d for html in _json_html(json.loads(text)) for d in dangers_in_markup(html)]
    if suffix == ".xml":
        return dangers_in_xml(text)
    if suffix == ".csv":  # read by spreadsheets, which run a cell that looks like a formula
        return [f"formula cell {cell!r}" for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
                for cell in row if cell.startswith(FORMULA_STARTS)]
    if suffix in (".js", ".css"):  # code never carries contributor text
        return [f"contributor text in {suffix}"] if MARKER in text else []
    return [f"a {suffix or 'suffix-less'} file the scan does not know: teach it what is markup there"]


def dangers_in_site(site: Path) -> dict[str, list[str]]:
    """Site path -> what in that file could run, for every file of the site that has any."""
    files = (f for f in sorted(site.rglob("*")) if f.is_file())
    return {str(f.relative_to(site)): found for f in files if (found := dangers_in_file(f))}
