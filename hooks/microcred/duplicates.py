"""Two files, one id: which file the problem is reported on, and which keeps the id.

Ids are unique across the catalog (the file name is the id). When a pull request adds a
file whose id is taken, the problem belongs on the new file, where the contributor can
act, and references elsewhere must keep meaning the established credential, never be
re-pointed to a newcomer (often a draft). So the files new or changed since the base
branch are blamed when git can tell them apart from the others; otherwise every file of
the clash is, each naming the others. The one that keeps the id is an unchanged file, or
failing that a published one, and the others are left out of the cross-file checks.
"""

from __future__ import annotations

from .discover import SourceFile, is_valid_id
from .layout import is_published
from .problems import Problem, file_problem


def clashes(sources: list[SourceFile]) -> dict[str, list[SourceFile]]:
    """Every id claimed by more than one file, with those files in path order."""
    claims: dict[str, list[SourceFile]] = {}
    for source in sources:
        if source.kind != "issuer":  # an issuer's id is its folder, unique by construction
            claims.setdefault(source.id, []).append(source)
    return {ident: sorted(files, key=lambda s: s.path) for ident, files in claims.items() if len(files) > 1}


def resolve_clashes(
    clashing: dict[str, list[SourceFile]], statuses: dict[str, str | None], changed: frozenset[str] | None,
) -> tuple[list[Problem], frozenset[str]]:
    """The problems, and the paths of the files that do not keep their id.

    `statuses` maps a path to the file's `status` (None when it could not be read);
    `changed` is the set of paths new or changed in the pull request, None when unknown.
    """
    problems: list[Problem] = []
    losers: set[str] = set()
    for ident, files in clashing.items():
        new = [f for f in files if changed is not None and f.path in changed]
        established = [f for f in files if f not in new]
        if new and established:
            keeper = established[0]
            problems += [_taken(ident, f, established) for f in new]
        else:
            keeper = min(files, key=lambda f: not is_published(statuses.get(f.path)))  # stable: path order breaks ties
            problems += [_shared(ident, f, files) for f in files]
        losers.update(f.path for f in files if f is not keeper)
    return problems, frozenset(losers)


def _taken(ident: str, source: SourceFile, established: list[SourceFile]) -> Problem:
    suggestion = f"{source.issuer_id}-{ident}"
    example = f", e.g. {suggestion}.yml" if is_valid_id(suggestion) else ""
    return file_problem(
        source.path, f"id `{ident}` is already used by {_names(established)}",
        f"ids are unique across the whole catalog and the file name is the id: rename this file{example}",
    )


def _shared(ident: str, source: SourceFile, files: list[SourceFile]) -> Problem:
    return file_problem(
        source.path, f"id `{ident}` is also used by {_names([f for f in files if f is not source])}",
        "ids are unique across the whole catalog and the file name is the id: rename the file that is new",
    )


def _names(files: list[SourceFile]) -> str:
    return " and ".join(f.path for f in files)
