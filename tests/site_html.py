"""A tiny DOM for reading built pages in tests: what a user (or a crawler) sees."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import urljoin, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)  # Elements and strings

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Element]:
        def matches(el):
            return (tag is None or el.tag == tag) and all(
                value in el.attrs.get(name.rstrip("_"), "").split() if name == "class_" else el.attrs.get(name) == value
                for name, value in attrs.items()
            )
        return [el for el in self.iter() if matches(el)]

    def find(self, tag: str | None = None, **attrs) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def by_id(self, element_id: str) -> Element:
        return self.find(id=element_id)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Page:
    path: str  # site path of the page's directory, e.g. "credentials/exit-tickets/"
    html: str
    dom: Element

    @property
    def title(self) -> str:
        return self.dom.find("title").text()

    def meta(self, key: str) -> str:
        """content of <meta name=key> or <meta property=key>."""
        for el in self.dom.find_all("meta"):
            if key in (el.attrs.get("name"), el.attrs.get("property")):
                return el.attrs["content"]
        raise AssertionError(f"no meta {key}")

    def link(self, rel: str, **attrs) -> str:
        return self.dom.find("link", rel=rel, **attrs).attrs["href"]

    def jsonld(self) -> dict:
        (script,) = self.dom.find_all("script", type="application/ld+json")
        return json.loads(script.text())

    @property
    def main(self) -> Element:
        return self.dom.find("article")

    def h1s(self) -> list[str]:
        return [h.text() for h in self.dom.find_all("h1")]

    def site_path(self, href: str) -> str:
        """The site path a relative link of this page points at (no query or fragment)."""
        target = normpath(urlsplit(urljoin("/" + self.path, href)).path).lstrip("/")
        if target and urlsplit(href).path.endswith("/"):
            target += "/"
        return target


def load_page(site: Path, path: str) -> Page:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return Page(path, html, parse(html))


def resolves(site: Path, site_path: str) -> bool:
    if site_path == "" or site_path.endswith("/"):
        return (site / site_path / "index.html").is_file()
    return (site / site_path).is_file()
