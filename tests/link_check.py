"""A link check of a built site: every internal link, anchor and asset reference resolves;
external links are only checked for syntax, never fetched (CI has no network, and other
sites' uptime is not ours to test).

Shared by the product's audit (tests/test_audit_links.py, on a fixture catalog) and the
catalog checks an adopter's CI runs on whatever catalog/ holds (tests/catalog_checks/).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "xlink:href"}
EXTERNAL_SCHEMES = {"http", "https", "mailto"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)""")
WHOLE_URL = re.compile(r"^(https?|mailto):\S+$")
XML_URL_ELEMENTS = {"loc", "uri", "icon", "logo"}  # sitemap <loc>, Atom <uri>/<icon>/<logo>


class _Page(HTMLParser):
    """The ids of a page and every URL it references, with the tag it sits on."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in URL_ATTRIBUTES:
                self.urls.append((f"<{tag} {name}>", value.strip()))
            elif name == "srcset":
                self.urls += [(f"<{tag} srcset>", c.split()[0]) for c in value.split(",") if c.strip()]
            elif name == "content" and (("property", "og:url") in attrs or ("property", "og:image") in attrs):
                self.urls.append((f"<{tag} content>", value.strip()))


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _page_url(site: Path, site_url: str, file: Path) -> str:
    """The URL a built file is served at, under the site's sub-path."""
    relative = file.relative_to(site).as_posix()
    return site_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _target(site: Path, base_path: str, url: str) -> Path | None:
    """The built file an internal URL is served from, or None when there is none."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(base_path):
        return None
    relative = path[len(base_path):]
    candidate = (site / relative).resolve()
    if site.resolve() not in (candidate, *candidate.parents):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _external_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in EXTERNAL_SCHEMES:
        return f"scheme {parts.scheme!r} is not allowed"
    if parts.scheme != "mailto" and not parts.netloc:
        return "no host"
    if re.search(r"\s", url):
        return "whitespace in the URL"
    if parts.scheme == "mailto" and "@" not in parts.path:
        return "no address"
    return None


def _check(site: Path, site_url: str, source: Path, where: str, raw: str) -> tuple[Path | None, str | None]:
    """The built file a reference points at (None when external), and its problem (None when it resolves)."""
    if raw.startswith("data:"):
        return None, None if where.endswith(("src>", "srcset>", "url()")) else "data: URL outside an image"
    own = urlsplit(site_url)
    absolute = urljoin(_page_url(site, site_url, source), raw)
    parts = urlsplit(absolute)
    if not (parts.scheme in ("http", "https") and parts.netloc == own.netloc and parts.path.startswith(own.path)):
        problem = _external_problem(absolute)
        return None, f"bad external link ({problem})" if problem else None
    target = _target(site, own.path, absolute)
    if target is None:
        return None, "no such file in the site"
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target).ids:
        return target, f"no id {parts.fragment!r} on {target.relative_to(site)}"
    return target, None


def _json_urls(value):
    """Every string of a JSON document that is a whole URL (markdown HTML is covered by the pages)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_urls(item)
    elif isinstance(value, str) and WHOLE_URL.match(value):
        yield value


def _xml_urls(path: Path):
    """(where, URL) of the feed's and the sitemap's links."""
    for element in ElementTree.parse(path).iter():
        name = element.tag.rpartition("}")[2]
        if "href" in element.attrib:
            yield f"<{name} href>", element.attrib["href"].strip()
        elif name in XML_URL_ELEMENTS and element.text:
            yield f"<{name}>", element.text.strip()


def _references(site: Path):
    """(file, where, URL) for every reference in every page, image, stylesheet, feed,
    sitemap and JSON export of the site."""
    for pattern in ("*.html", "*.svg"):
        for file in sorted(site.rglob(pattern)):
            for where, url in _parse(file).urls:
                yield file, where, url
    for file in sorted(site.rglob("*.css")):
        for match in CSS_URL.finditer(file.read_text(encoding="utf-8")):
            yield file, "url()", match["url"]
    for file in sorted(site.glob("*.xml")):
        for where, url in _xml_urls(file):
            yield file, where, url
    for folder in ("api", "ob3", "ctdl"):
        for file in sorted((site / folder).rglob("*.json")):
            for url in _json_urls(json.loads(file.read_text(encoding="utf-8"))):
                yield file, "JSON value", url


@dataclass(frozen=True)
class LinkReport:
    checked: int  # references found
    kinds: frozenset[str]  # suffixes of the files they were found in
    reached: frozenset[str]  # site paths ("credentials/x/") of the pages some reference points at
    broken: tuple[str, ...]  # one line per broken reference

    def message(self) -> str:
        return f"{len(self.broken)} broken of {self.checked} references:\n" + "\n".join(self.broken)


def check_links(site: Path, site_url: str) -> LinkReport:
    """Every reference of the built `site`, served at `site_url` (absolute, ending in "/")."""
    checked, kinds, reached, broken = 0, set(), set(), []
    for file, where, url in _references(site):
        checked += 1
        kinds.add(file.suffix)
        target, problem = _check(site, site_url, file, where, url)
        if problem:
            broken.append(f"  {file.relative_to(site)}: {where} {url!r}: {problem}")
        elif target is not None and target.name == "index.html":
            reached.add(target.parent.relative_to(site).as_posix() + "/")
    return LinkReport(checked, frozenset(kinds), frozenset(reached), tuple(broken))
