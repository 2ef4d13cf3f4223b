"""Language editions: `translation_of` names the original a credential or pathway is an
edition of. Every edition points at the original itself (no chains), in another
language than the original and the other editions, so that one original and its
editions are one group whose pages link to each other.

Runs on every loaded document, valid against its schema or not: a wrong type or a
malformed id was already reported by the schema check, so such values are skipped.
"""

from __future__ import annotations

from difflib import get_close_matches

from . import languages
from .discover import is_valid_id
from .layout import is_published
from .load import Document
from .problems import Problem, problem_at

FIELD = ("translation_of",)


def _language(doc: Document) -> str | None:
    value = doc.data.get("language", languages.DEFAULT)
    return languages.canonical(value) if isinstance(value, str) else None


def _problem(doc: Document, message: str, fix: str) -> Problem:
    return problem_at(doc, FIELD, message, fix)


def check_editions(documents: list[Document]) -> list[Problem]:
    by_id = {d.id: d for d in documents if d.kind in ("credential", "pathway")}
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Document] = {}  # (original, language) -> its first edition
    for doc in sorted(by_id.values(), key=lambda d: d.path):
        target = doc.data.get("translation_of")
        if not isinstance(target, str) or not is_valid_id(target):
            continue
        found = _check_target(doc, target, by_id)
        if found:
            problems.append(found)
            continue
        language = _language(doc)
        other = seen.setdefault((target, language), doc) if language else doc
        if other is not doc:
            problems.append(_problem(
                doc, f"`{target}` already has an edition in `{language}`: {other.path}",
                "give this file another `language`, or remove `translation_of` from one of the two"))
    return problems


def _check_target(doc: Document, target: str, by_id: dict[str, Document]) -> Problem | None:
    """What is wrong with the original `translation_of` names, if anything."""
    if target == doc.id:
        return _problem(doc, f"a {doc.kind} cannot be a translation of itself",
                        f"name the {doc.kind} this file translates, or remove `translation_of`")
    original = by_id.get(target)
    if original is None or original.kind != doc.kind:
        same_kind = [i for i, d in by_id.items() if d.kind == doc.kind and i != doc.id]
        guess = get_close_matches(target, same_kind, n=1, cutoff=0.6)
        what = f"is a {original.kind} ({original.path}), not a {doc.kind}" if original else "does not exist"
        fix = f"did you mean `{guess[0]}`?" if guess else f"use the file name (without .yml) of the original {doc.kind}"
        return _problem(doc, f"translation_of `{target}` {what}", fix)
    if is_published(doc.data.get("status")) and not is_published(original.data.get("status")):
        return _problem(doc, f"translation_of `{target}` ({original.path}) is a draft and will not be published",
                        f"publish {original.path} first, or remove `translation_of`")
    chained = original.data.get("translation_of")
    if isinstance(chained, str):
        return _problem(doc, f"translation_of `{target}` ({original.path}) is itself a translation of `{chained}`",
                        f"point at the original: `translation_of: {chained}`")
    language, theirs = _language(doc), _language(original)
    if language and language == theirs:
        return _problem(doc, f"translation_of `{target}` ({original.path}) is in the same language, `{language}`",
                        "set this file's `language` to the language it is written in, or remove `translation_of`")
    return None
