"""An Atom 1.0 feed of credentials and pathways, newest first, for feed readers.

Built as an element tree and written by ElementTree's serializer, so every issuer string
is escaped by the XML writer rather than by hand.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from .model import Catalog
from .site_urls import FEED_PATH, SiteUrls

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    summary: str
    author: str
    author_url: str
    updated: date
    published: date | None
    categories: tuple[str, ...]


def feed_entries(catalog: Catalog, urls: SiteUrls) -> tuple[FeedEntry, ...]:
    """Every published credential and pathway, newest first (then by title)."""
    entries = [
        FeedEntry(
            url=urls.credential_page(c.id),
            title=c.title,
            summary=c.summary,
            author=catalog.issuers[c.issuer_id].name,
            author_url=catalog.issuers[c.issuer_id].url,
            updated=c.last_changed,
            published=c.published,
            categories=c.subjects,
        )
        for c in catalog.credentials.values()
    ]
    for pathway in catalog.pathways.values():
        credentials = [catalog.credentials[cid] for cid in pathway.credential_ids]
        entries.append(
            FeedEntry(
                url=urls.pathway_page(pathway.id),
                title=pathway.title,
                summary=pathway.summary,
                author=catalog.issuers[pathway.issuer_id].name,
                author_url=catalog.issuers[pathway.issuer_id].url,
                # The contract gives pathways no dates: a pathway changes when one of its
                # credentials does, so it takes their newest change and has no `published`.
                updated=max(c.last_changed for c in credentials),
                published=None,
                categories=tuple(dict.fromkeys(s for c in credentials for s in c.subjects)),
            )
        )
    by_title = sorted(entries, key=lambda e: (e.title.casefold(), e.url))
    return tuple(sorted(by_title, key=lambda e: e.updated, reverse=True))


def atom_feed(catalog: Catalog, urls: SiteUrls, title: str, generated_at: datetime) -> bytes:
    entries = feed_entries(catalog, urls)
    # Atom is the default namespace of the whole document, declared once on the root:
    # ElementTree's `default_namespace` option refuses the unqualified attributes Atom uses.
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "id", urls.base)
    _text(feed, "title", title)
    _text(feed, "subtitle", "New and updated micro-credentials and pathways.")
    # The newest entry, not the build time: rebuilding an unchanged catalog changes nothing.
    _text(feed, "updated", rfc3339(entries[0].updated) if entries else rfc3339(generated_at))
    _link(feed, "self", urls.of(FEED_PATH), "application/atom+xml")
    _link(feed, "alternate", urls.of("catalog/"), "text/html")
    for entry in entries:
        element = ET.SubElement(feed, "entry")
        _text(element, "id", entry.url)
        _text(element, "title", entry.title)
        _text(element, "updated", rfc3339(entry.updated))
        if entry.published:
            _text(element, "published", rfc3339(entry.published))
        _link(element, "alternate", entry.url, "text/html")
        _text(element, "summary", entry.summary)
        author = ET.SubElement(element, "author")
        _text(author, "name", entry.author)
        _text(author, "uri", entry.author_url)
        for term in entry.categories:
            ET.SubElement(element, "category", term=term)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", rel=rel, href=href, type=media_type)


def rfc3339(moment: date | datetime) -> str:
    """RFC 3339 in UTC; a date is taken as its midnight UTC."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(), timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
