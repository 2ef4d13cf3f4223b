"""Credential Engine ids (CTIDs): minted for new definitions, derived for the others, checked.

The Credential Registry keys every record by its CTID, so a credential keeps its CTID
across versions and no two definitions share one. A definition without a `ctid` still
gets a stable one in the exports, derived from its page URL (UUID v5); that one changes
if the site moves, so the check suggests writing it down.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from .identity import Identity
from .load import Document
from .problems import WARNING, Problem, problem_at
from .site_urls import SiteUrls

PREFIX = "ce-"
CTID_PATTERN = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Issuers are left out: an organisation's CTID comes with its Registry account, and
# the publish action replaces the organisation references with it anyway.
HINTED_KINDS = ("credential", "pathway")


def mint_ctid() -> str:
    return PREFIX + str(uuid.uuid4())


def derived_ctid(url: str) -> str:
    """The CTID of a definition that has none: the same for the same URL on every build."""
    return PREFIX + str(uuid.uuid5(uuid.NAMESPACE_URL, url))


def ctid_or_derived(ctid: str | None, url: str) -> str:
    return ctid or derived_ctid(url)


def ctid_fix(value) -> str:
    """How to correct a malformed ctid, with a right one to copy."""
    text = value.strip() if isinstance(value, str) else ""
    if CTID_PATTERN.match(text.lower()):
        return f"write it in lowercase: ctid: {text.lower()}"
    if CTID_PATTERN.match(PREFIX + text.lower()):
        return f"start it with `ce-`: ctid: {PREFIX}{text.lower()}"
    return f"write `ce-` and a lowercase UUID, e.g. this new one: ctid: {mint_ctid()}"


def check_ctids(documents: Iterable[Document], identity: Identity | None) -> list[Problem]:
    """A ctid used by two definitions (an error naming both files), and credentials and
    pathways without one (a warning giving the derived one to write down)."""
    documents = tuple(documents)
    return _duplicates(documents) + _missing(documents, identity)


def _duplicates(documents: tuple[Document, ...]) -> list[Problem]:
    first: dict[str, Document] = {}
    problems = []
    for doc in sorted(documents, key=lambda d: d.path):
        ctid = doc.data.get("ctid")
        if not isinstance(ctid, str) or not CTID_PATTERN.match(ctid):
            continue  # a malformed one is the schema check's to explain
        if ctid not in first:
            first[ctid] = doc
            continue
        other = first[ctid]
        problems.append(problem_at(
            doc, ("ctid",), f"ctid `{ctid}` is also the ctid of {other.path} (line {other.position(('ctid',))[0]})",
            f"every issuer, credential and pathway needs its own: keep it in the definition the Registry knows it for, and give this one a new ctid: {mint_ctid()}",
        ))
    return problems


def _missing(documents: tuple[Document, ...], identity: Identity | None) -> list[Problem]:
    urls = SiteUrls.for_site(identity.site_url) if identity else None
    problems = []
    for doc in documents:
        if doc.kind not in HINTED_KINDS or "ctid" in doc.data:
            continue
        if urls is None:  # no site URL to derive the one in use from: a new one serves as well
            fix = f"write one down, so the Credential Registry keeps one record: ctid: {mint_ctid()}"
        else:
            page = urls.credential_page(doc.id) if doc.kind == "credential" else urls.pathway_page(doc.id)
            fix = f"write down the one in use, so the Credential Registry keeps one record: ctid: {derived_ctid(page)}"
        problems.append(problem_at(
            doc, (), "no `ctid`: the exports derive one from the page's URL, which changes if the site moves", fix, WARNING,
        ))
    return problems
