"""The model from validated documents: each definition file becomes a frozen item of
`model.py`, and the published ones together a `Catalog`.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import date

from .languages import DEFAULT as DEFAULT_LANGUAGE
from .languages import canonical
from .layout import is_published
from .markdown import Markdown, render_markdown
from .model import (
    Alignment,
    Catalog,
    Change,
    Cost,
    Credential,
    Credit,
    Criterion,
    Issuer,
    Pathway,
    Research,
    Resource,
    ScaleLevel,
    Stage,
    Submission,
    SubmissionPart,
)


def _tuple(values) -> tuple:
    return tuple(values or ())


def _language(doc: dict) -> str:
    # Validation refused every tag without a canonical form (languages.check_language).
    return canonical(doc.get("language", DEFAULT_LANGUAGE)) or DEFAULT_LANGUAGE


def _md(text: str | None) -> Markdown | None:
    return render_markdown(text) if text is not None else None


def _issuer(issuer_id: str, path: str, doc: dict) -> Issuer:
    return Issuer(
        id=issuer_id,
        name=doc["name"],
        url=doc["url"],
        description=render_markdown(doc["description"]),
        source_path=path,
        email=doc.get("email"),
        logo=doc.get("logo"),
        ctid=doc.get("ctid"),
        language=_language(doc),
    )


def _submission(doc: dict) -> Submission:
    return Submission(
        scale=tuple(
            ScaleLevel(id=s["id"], label=s["label"], passing=bool(s.get("passing", False)))
            for s in doc["scale"]
        ),
        parts=tuple(
            SubmissionPart(
                id=p["id"],
                kind=p["kind"],
                title=p["title"],
                instructions=render_markdown(p["instructions"]),
                criteria=tuple(Criterion(**c) for c in p["criteria"]),
                word_limit=p.get("word_limit"),
            )
            for p in doc["parts"]
        ),
    )


def _credential(cred_id: str, issuer_id: str, path: str, doc: dict) -> Credential:
    return Credential(
        id=cred_id,
        issuer_id=issuer_id,
        source_path=path,
        title=doc["title"],
        status=doc["status"],
        version=doc["version"],
        published=date.fromisoformat(doc["published"]),
        updated=date.fromisoformat(doc["updated"]) if doc.get("updated") else None,
        summary=doc["summary"],
        competency=doc["competency"],
        key_method=doc["key_method"],
        method_components=render_markdown(doc["method_components"]),
        supporting_rationale=render_markdown(doc["supporting_rationale"]),
        research=tuple(Research(**r) for r in doc["research"]),
        resources=tuple(Resource(**r) for r in doc["resources"]),
        submission=_submission(doc["submission"]),
        roles=_tuple(doc["roles"]),
        grade_bands=_tuple(doc["grade_bands"]),
        subjects=_tuple(doc["subjects"]),
        tags=_tuple(doc.get("tags")),
        estimated_hours=doc["estimated_hours"],
        cost=Cost(**doc["cost"]),
        evidence_types=_tuple(doc["evidence_types"]),
        alignments=tuple(Alignment(**a) for a in doc.get("alignments", ())),
        prerequisites=_tuple(doc.get("prerequisites")),
        earn_url=doc["earn_url"],
        image=doc.get("image"),
        replaced_by=doc.get("replaced_by"),
        language=_language(doc),
        translation_of=doc.get("translation_of"),
        ctid=doc.get("ctid"),
        credit=tuple(Credit(**c) for c in doc.get("credit", ())),
        changes=tuple(
            Change(version=c["version"], date=date.fromisoformat(c["date"]), summary=c["summary"])
            for c in doc.get("changes", ())
        ),
    )


def _pathway(pathway_id: str, issuer_id: str, path: str, doc: dict) -> Pathway:
    return Pathway(
        id=pathway_id,
        issuer_id=issuer_id,
        source_path=path,
        title=doc["title"],
        summary=doc["summary"],
        status=doc["status"],
        description=render_markdown(doc["description"]),
        stages=tuple(
            Stage(
                title=s["title"],
                credentials=_tuple(s["credentials"]),
                choose=s.get("choose"),
                description=_md(s.get("description")),
            )
            for s in doc["stages"]
        ),
        capstone=doc.get("capstone"),
        ctid=doc.get("ctid"),
        language=_language(doc),
        translation_of=doc.get("translation_of"),
    )


def _item(doc) -> Issuer | Credential | Pathway:
    if doc.kind == "issuer":
        return _issuer(doc.id, doc.path, doc.data)
    if doc.kind == "credential":
        return _credential(doc.id, doc.issuer_id, doc.path, doc.data)
    return _pathway(doc.id, doc.issuer_id, doc.path, doc.data)


def build_catalog(documents, made: MutableMapping | None = None) -> Catalog:
    """Turn validated `Document`s (see `load.py`) into a `Catalog` of published items.

    Expects documents that passed validation: it neither checks nor reports. `made`, kept
    from one call to the next, gives back the item made of the very same document (under
    `serve`, an unchanged file's): the same object, so nothing is made twice and comparing
    two catalogs finds at once what did not change.
    """
    issuers: dict[str, Issuer] = {}
    credentials: dict[str, Credential] = {}
    pathways: dict[str, Pathway] = {}
    for doc in documents:
        if doc.kind != "issuer" and not is_published(doc.data.get("status")):
            continue
        item = made.get(doc) if made is not None else None
        if item is None:
            item = _item(doc)
            if made is not None:
                made[doc] = item
        if isinstance(item, Issuer):
            issuers[doc.id] = item
        elif isinstance(item, Credential):
            credentials[doc.id] = item
        else:
            pathways[doc.id] = item

    by_title = lambda item: (item.title.casefold(), item.id)  # noqa: E731
    credentials = {c.id: c for c in sorted(credentials.values(), key=by_title)}
    pathways = {p.id: p for p in sorted(pathways.values(), key=by_title)}
    issuers = {i.id: i for i in sorted(issuers.values(), key=lambda i: (i.name.casefold(), i.id))}

    recommended_next: dict[str, list[str]] = {}
    for cred in credentials.values():
        for prereq in cred.prerequisites:
            recommended_next.setdefault(prereq, []).append(cred.id)
    pathways_of: dict[str, list[str]] = {}
    for pathway in pathways.values():
        for cid in pathway.credential_ids:
            pathways_of.setdefault(cid, []).append(pathway.id)

    return Catalog(
        issuers=issuers,
        credentials=credentials,
        pathways=pathways,
        recommended_next={k: tuple(v) for k, v in recommended_next.items()},
        pathways_of={k: tuple(v) for k, v in pathways_of.items()},
        editions=_editions([*credentials.values(), *pathways.values()]),
    )


def _editions(items) -> dict[str, tuple[str, ...]]:
    """Each edition group (an original and the items that are its translations, which
    validation keeps one level deep) under the id of every member."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.translation_of or item.id, []).append(item)
    editions = {}
    for original, members in groups.items():
        if len(members) > 1:
            ordered = sorted(members, key=lambda item: (item.id != original, item.language))
            editions.update(dict.fromkeys((item.id for item in ordered), tuple(item.id for item in ordered)))
    return editions
