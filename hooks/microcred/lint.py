"""Quality lint beyond the schema: what makes a definition good, not merely valid.

Findings are warnings (`validate --strict` turns them into errors), except a
scaffold placeholder left in a value: that would publish "TODO" text, so it is an
error. Documents may be schema-invalid here, so every value is type-checked first.
"""

from __future__ import annotations

import re

from .languages import DEFAULT as DEFAULT_LANGUAGE
from .languages import primary
from .load import Document
from .problems import WARNING, Problem, problem_at

PLACEHOLDER = "TODO"
# Cards and the meta description show about three lines of ~65 characters; search
# engines cut descriptions near 160. 200 keeps the whole summary visible on a card.
SUMMARY_CARD_LIMIT = 200
MIN_RESEARCH = 2
# How a competency opens, with an example, in the languages whose convention is known.
# Wording rules apply only to the language they are written for: a definition in any
# other language is not told to phrase itself in one of these.
COMPETENCY_OPENINGS = {
    "en": (("The educator", "The learner"), "The educator uses exit tickets to ..."),
    "es": (("El docente", "La docente", "El/La docente", "El educador", "La educadora", "El aprendiz", "La aprendiz"),
           "El docente usa tickets de salida para ..."),
}
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z0-9\"'(])")


def lint_document(document: Document) -> list[Problem]:
    problems = _placeholders(document)
    if document.kind == "credential":
        problems += _lint_credential(document)
    return problems


def _warning(document: Document, path: tuple, message: str, fix: str) -> Problem:
    return problem_at(document, path, message, fix, WARNING)


def _placeholders(document: Document) -> list[Problem]:
    # Iterative, and a value's path is built only for containers and hits: this walk
    # visits every value of every file, so it is kept cheap for large catalogs.
    problems = []
    stack: list[tuple[tuple, dict | list]] = [((), document.data)]
    while stack:
        parent, container = stack.pop()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            if isinstance(value, str):
                if PLACEHOLDER in value:
                    problems.append(_placeholder(document, (*parent, key), value))
            elif isinstance(value, (dict, list)):
                stack.append(((*parent, key), value))
    return sorted(problems)


def _placeholder(document: Document, path: tuple, value: str) -> Problem:
    return problem_at(
        document, path, f"placeholder `{PLACEHOLDER}` left in `{_field(path)}`: {_short(value)}",
        "replace it with the real value; the comment above the field explains it",
    )


def _field(path: tuple) -> str:
    """The nearest field name: `credentials` for ("stages", 0, "credentials", 1)."""
    return next(part for part in reversed(path) if isinstance(part, str))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lint_credential(document: Document) -> list[Problem]:
    data = document.data
    return [
        *_competency(document, data.get("competency"), data.get("language", DEFAULT_LANGUAGE)),
        *_research(document, data.get("research")),
        *_parts(document, data.get("submission")),
        *_resources(document, data.get("resources")),
        *_summary(document, data.get("summary")),
        *_changes(document, data.get("changes"), data.get("version")),
    ]


def _competency(document: Document, text, language) -> list[Problem]:
    if not isinstance(text, str) or PLACEHOLDER in text:
        return []
    text = text.strip()
    problems = []
    openings = COMPETENCY_OPENINGS.get(primary(language)) if isinstance(language, str) else None
    if openings and not text.startswith(openings[0]):
        starts, example = openings
        problems.append(_warning(
            document, ("competency",), f"competency does not start with \"{starts[0]}\" or \"{starts[1]}\"",
            f"state what the educator (or learner) can do, e.g. \"{example}\"",
        ))
    if len(_SENTENCE_BREAK.split(text)) > 1:
        problems.append(_warning(
            document, ("competency",), "competency is more than one sentence",
            "a micro-credential verifies one competency: state it in one sentence and move the rest to key_method",
        ))
    return problems


def _research(document: Document, research) -> list[Problem]:
    if not isinstance(research, list) or len(research) >= MIN_RESEARCH:
        return []
    return [_warning(
        document, ("research",), f"{len(research)} research entr{'y' if len(research) == 1 else 'ies'}; a key method should rest on at least {MIN_RESEARCH}",
        "add another peer-reviewed study or practice guide with its doi or url",
    )]


def _parts(document: Document, submission) -> list[Problem]:
    parts = submission.get("parts") if isinstance(submission, dict) else None
    problems = []
    for index, part in enumerate(parts if isinstance(parts, list) else []):
        if not isinstance(part, dict):
            continue
        path = ("submission", "parts", index)
        name = part.get("id", index)
        if not part.get("criteria"):
            problems.append(_warning(
                document, path, f"part `{name}` has no criteria, so nothing in it is scored",
                "add at least one criterion with a prompt and what a passing response shows",
            ))
        if "word_limit" not in part:
            problems.append(_warning(
                document, path, f"part `{name}` has no word_limit",
                "set word_limit so educators know how much to write (for evidence: the written commentary)",
            ))
    return problems


def _resources(document: Document, resources) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        url = resource.get("url") if isinstance(resource, dict) else None
        if not isinstance(url, str):
            continue
        key = url.strip().rstrip("/").lower()
        if key in seen:
            problems.append(_warning(
                document, ("resources", index, "url"), f"resource URL repeats resource {seen[key] + 1}: {url}",
                "list each resource once; merge the two entries",
            ))
        else:
            seen[key] = index
    return problems


def _summary(document: Document, summary) -> list[Problem]:
    if not isinstance(summary, str) or len(summary) <= SUMMARY_CARD_LIMIT:
        return []
    return [_warning(
        document, ("summary",), f"summary is {len(summary)} characters; catalog cards show about {SUMMARY_CARD_LIMIT}",
        f"shorten it to {SUMMARY_CARD_LIMIT} characters or fewer; details belong in the competency and key method",
    )]


_SEMVER_CORE = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


def _change_order(change) -> tuple | None:
    """(date, version numbers) of a well-formed change, to compare two; None otherwise."""
    if not isinstance(change, dict) or not isinstance(change.get("date"), str) or not isinstance(change.get("version"), str):
        return None
    core = _SEMVER_CORE.match(change["version"])
    return (change["date"], tuple(map(int, core.groups()))) if core else None


def _changes(document: Document, changes, version) -> list[Problem]:
    """The version history reads newest first and starts at the credential's version."""
    if not isinstance(changes, list) or not changes:
        return []
    problems = []
    newest = changes[0].get("version") if isinstance(changes[0], dict) else None
    if isinstance(newest, str) and isinstance(version, str) and newest != version:
        version_line = document.position(("version",))[0]
        problems.append(_warning(
            document, ("changes", 0, "version"),
            f"the newest change is version {newest}, but `version` (line {version_line}) is {version}",
            f"add the change that made {version} at the top of `changes`, or correct `version`",
        ))
    for index in range(1, len(changes)):
        earlier, later = _change_order(changes[index - 1]), _change_order(changes[index])
        if earlier is None or later is None:
            continue
        if later[0] > earlier[0] or later[1] > earlier[1]:
            above = document.position(("changes", index - 1))[0]
            problems.append(_warning(
                document, ("changes", index),
                f"change {changes[index]['version']} ({changes[index]['date']}) is newer than the change above it "
                f"on line {above} ({changes[index - 1]['version']}, {changes[index - 1]['date']})",
                "list `changes` newest first: the latest version at the top",
            ))
    return problems
