"""An Atom 1.0 feed of credentials and pathways, newest first, for feed readers.

Built as an element tree and written by ElementTree's serializer, so every issuer string
is escaped by the XML writer rather than by hand. The feed's own words are English (its
`xml:lang`); each entry says the language of its title and summary, and links its other
language editions as related links with their `hreflang` (an entry's one alternate link
stays its own page, which feed readers open).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from .display import credit_text
from .i18n import SOURCE
from .model import Catalog, Credential
from .site_urls import FEED_PATH, SiteUrls, hub_path

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


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
    details: tuple[str, ...] = ()  # lines of the entry's text content: credit, version history
    language: str = SOURCE.tag  # of its title and summary
    editions: tuple[tuple[str, str], ...] = ()  # (language, page URL) of its other language editions


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
            details=credential_details(c),
            language=c.language,
            editions=tuple((catalog.credentials[e].language, urls.credential_page(e)) for e in catalog.other_editions(c.id)),
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
                language=pathway.language,
                editions=tuple((catalog.pathways[e].language, urls.pathway_page(e)) for e in catalog.other_editions(pathway.id)),
            )
        )
    by_title = sorted(entries, key=lambda e: (e.title.casefold(), e.url))
    return tuple(sorted(by_title, key=lambda e: e.updated, reverse=True))


def credential_details(credential: Credential) -> tuple[str, ...]:
    """What a reader deciding whether to earn it, or earn it again, wants besides the summary."""
    return (
        *(f"Credit: {credit_text(credit)}" for credit in credential.credit),
        *(f"Version {change.version} ({change.date.isoformat()}): {change.summary}" for change in credential.changes),
    )


def atom_feed(catalog: Catalog, urls: SiteUrls, title: str, generated_at: datetime) -> bytes:
    entries = feed_entries(catalog, urls)
    # Atom is the default namespace of the whole document, declared once on the root:
    # ElementTree's `default_namespace` option refuses the unqualified attributes Atom uses.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: SOURCE.tag})
    _text(feed, "id", urls.base)
    _text(feed, "title", title)
    _text(feed, "subtitle", "New and updated micro-credentials and pathways.")
    # The newest entry, not the build time: rebuilding an unchanged catalog changes nothing.
    _text(feed, "updated", rfc3339(entries[0].updated) if entries else rfc3339(generated_at))
    _link(feed, "self", urls.of(FEED_PATH), "application/atom+xml")
    _link(feed, "alternate", urls.of(hub_path("catalog")), "text/html")
    for entry in entries:
        element = ET.SubElement(feed, "entry", {XML_LANG: entry.language})
        _text(element, "id", entry.url)
        _text(element, "title", entry.title)
        _text(element, "updated", rfc3339(entry.updated))
        if entry.published:
            _text(element, "published", rfc3339(entry.published))
        _link(element, "alternate", entry.url, "text/html")
        for language, url in entry.editions:
            ET.SubElement(element, "link", rel="related", href=url, type="text/html", hreflang=language)
        _text(element, "summary", entry.summary)
        if entry.details:  # the feed's words (credit_details), around the entry's own
            ET.SubElement(element, "content", {"type": "text", XML_LANG: SOURCE.tag}).text = "\n".join(entry.details)
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
        moment = datetime.combine(moment, time(), UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
