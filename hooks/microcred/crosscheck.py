"""Checks that need more than one file: references, cycles, pathway order, language
editions (editions.py), and images (inside the issuer folder, present, and for an SVG
free of code and external links).

Runs on every loaded document, valid against its schema or not, so it reads fields
defensively: a wrong type was already reported by the schema check.
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path

from .discover import is_valid_id
from .editions import check_editions
from .layout import is_published
from .load import Document
from .problems import Problem, problem_at
from .svg_safety import svg_hazard


def _ids(value) -> list[tuple[int, str]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []


def _list(value) -> list:
    return value if isinstance(value, list) else []


def check_catalog(documents: list[Document], root: Path) -> list[Problem]:
    credentials = {d.id: d for d in documents if d.kind == "credential"}
    problems: list[Problem] = []
    for doc in documents:
        if doc.kind == "credential":
            problems += _check_credential(doc, credentials)
        elif doc.kind == "pathway":
            problems += _check_pathway(doc, credentials)
        problems += _check_images(doc, root)
    problems += _check_cycles(credentials)
    problems += check_editions(documents)
    return problems


def _status(doc: Document | None) -> str | None:
    return doc.data.get("status") if doc else None


def _check_reference(doc: Document, path: tuple, target: str, credentials: dict, what: str) -> list[Problem]:
    """A referenced credential must exist, and be published when the referrer is."""
    if not is_valid_id(target):
        return []  # the schema check already explains a malformed id
    found = credentials.get(target)
    if found is None:
        guess = get_close_matches(target, list(credentials), n=1, cutoff=0.6)
        fix = f"did you mean `{guess[0]}`?" if guess else "use the file name (without .yml) of an existing credential"
        return [problem_at(doc, path, f"{what} `{target}` does not exist", fix)]
    if is_published(_status(doc)) and not is_published(_status(found)):
        return [problem_at(doc, path, f"{what} `{target}` is a draft and will not be published", f"publish {found.path} first, or remove the reference")]
    return []


def _check_unique_ids(doc: Document) -> list[Problem]:
    """Scale level, part and criterion ids name fragments in the exports, so each is used once."""
    submission = doc.data.get("submission")
    submission = submission if isinstance(submission, dict) else {}
    entries: list[tuple[tuple, object]] = [(("scale", i), level) for i, level in enumerate(_list(submission.get("scale")))]
    for p, part in enumerate(_list(submission.get("parts"))):
        entries.append((("parts", p), part))
        if isinstance(part, dict):
            entries += [(("parts", p, "criteria", c), criterion) for c, criterion in enumerate(_list(part.get("criteria")))]
    problems: list[Problem] = []
    first_path: dict[str, tuple] = {}
    for path, entry in entries:
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str):
            continue
        id_path = ("submission", *path, "id")
        if ident in first_path:  # a line is looked up only for a problem (see Document.without_positions)
            problems.append(problem_at(doc, id_path, f"id `{ident}` is used twice in this credential (first at line {doc.position(first_path[ident])[0]})", "give every scale level, part and criterion its own id; page anchors and exports are built from them"))
        else:
            first_path[ident] = id_path
    return problems


def _check_credential(doc: Document, credentials: dict) -> list[Problem]:
    problems = _check_unique_ids(doc)
    for i, prereq in _ids(doc.data.get("prerequisites")):
        if prereq == doc.id:
            problems.append(problem_at(doc, ("prerequisites", i), "a credential cannot be its own prerequisite", "remove it from `prerequisites`"))
        else:
            problems += _check_reference(doc, ("prerequisites", i), prereq, credentials, "prerequisite")
    replaced_by = doc.data.get("replaced_by")
    if isinstance(replaced_by, str):
        if replaced_by == doc.id:
            problems.append(problem_at(doc, ("replaced_by",), "a credential cannot replace itself", "name the credential that supersedes this one"))
        else:
            problems += _check_reference(doc, ("replaced_by",), replaced_by, credentials, "replacement")
    return problems


def _check_pathway(doc: Document, credentials: dict) -> list[Problem]:
    problems = []
    stage_of: dict[str, int] = {}
    for s, stage in enumerate(_list(doc.data.get("stages"))):
        if not isinstance(stage, dict):
            continue
        members = _ids(stage.get("credentials"))
        for i, cid in members:
            problems += _check_reference(doc, ("stages", s, "credentials", i), cid, credentials, "credential")
            if cid in stage_of and stage_of[cid] != s:
                problems.append(problem_at(doc, ("stages", s, "credentials", i), f"credential `{cid}` is already in stage {stage_of[cid] + 1}", "list each credential in one stage only"))
            stage_of.setdefault(cid, s)
        choose = stage.get("choose")
        if isinstance(choose, int) and not isinstance(choose, bool) and members and not 1 <= choose <= len(members):
            problems.append(problem_at(doc, ("stages", s, "choose"), f"`choose` is {choose} but the stage lists {len(members)} credential{'s' * (len(members) != 1)}", f"set `choose` between 1 and {len(members)}, or omit it to require all"))
    capstone = doc.data.get("capstone")
    if isinstance(capstone, str):
        problems += _check_reference(doc, ("capstone",), capstone, credentials, "capstone")
    problems += _check_stage_order(doc, stage_of, credentials)
    return problems


def _check_stage_order(doc: Document, stage_of: dict[str, int], credentials: dict) -> list[Problem]:
    """No credential may sit in an earlier stage than one of its prerequisites."""
    problems = []
    stages = _list(doc.data.get("stages"))
    for cid, s in stage_of.items():
        cred = credentials.get(cid)
        for _, prereq in _ids(cred.data.get("prerequisites")) if cred else ():
            if stage_of.get(prereq, -1) > s:
                i = _list(stages[s].get("credentials")).index(cid)
                problems.append(problem_at(
                    doc, ("stages", s, "credentials", i),
                    f"`{cid}` in stage {s + 1} comes before its prerequisite `{prereq}` in stage {stage_of[prereq] + 1}",
                    f"move `{prereq}` to stage {s + 1} or earlier, or `{cid}` later",
                ))
    return problems


def _check_cycles(credentials: dict[str, Document]) -> list[Problem]:
    graph = {cid: [p for _, p in _ids(doc.data.get("prerequisites")) if p in credentials and p != cid] for cid, doc in credentials.items()}
    problems, done, reported = [], set(), set()
    for start in sorted(graph):
        stack, on_path = [(start, iter(graph[start]))], [start]
        if start in done:
            continue
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                on_path.pop()
                done.add(node)
            elif child in on_path:
                cycle = on_path[on_path.index(child):] + [child]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    doc = credentials[cycle[0]]
                    i = _list(doc.data.get("prerequisites")).index(cycle[1])
                    problems.append(problem_at(doc, ("prerequisites", i), "prerequisite cycle: " + " → ".join(cycle), "remove one of these prerequisites so the chain has a start"))
            elif child not in done:
                stack.append((child, iter(graph[child])))
                on_path.append(child)
    return problems


def _check_images(doc: Document, root: Path) -> list[Problem]:
    field = "logo" if doc.kind == "issuer" else "image"
    value = doc.data.get(field)
    if not isinstance(value, str) or not value:
        return []
    issuer_folder = (root / "catalog" / doc.issuer_id).resolve()
    candidate = issuer_folder / value
    try:
        inside = candidate.resolve().is_relative_to(issuer_folder)
    except (OSError, RuntimeError, ValueError):
        inside = False
    if not inside or "\\" in value or value.startswith("/") or ":" in value:
        return [problem_at(doc, (field,), f"`{value}` is outside the issuer folder", f"put the image in catalog/{doc.issuer_id}/images/ and write images/<file>")]
    if not candidate.is_file():
        return [problem_at(doc, (field,), f"image `{value}` not found", f"add catalog/{doc.issuer_id}/{value}, or remove `{field}` to use a generated badge")]
    # The schema allows only image extensions, so only an SVG can carry code.
    return _check_svg(doc, field, value, candidate) if value.lower().endswith(".svg") else []


def _check_svg(doc: Document, field: str, value: str, path: Path) -> list[Problem]:
    """The image is published as is, and an SVG opened on its own runs like a page."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        return [problem_at(doc, (field,), f"cannot read image `{value}`: {reason}", "check that the file exists and is readable")]
    hazard = svg_hazard(data)
    if hazard is None:
        return []
    line, what, fix = hazard
    return [problem_at(doc, (field,), f"image `{value}` {what} (line {line} of the SVG)", fix)]
