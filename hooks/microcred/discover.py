"""Find the catalog's definition files and check the layout they sit in.

`catalog/<issuer-id>/issuer.yml`, `catalog/<issuer-id>/credentials/<id>.yml` and
`catalog/<issuer-id>/pathways/<id>.yml`; the file name is the id. Every file is listed,
even one whose id another file has: duplicates.py decides which of them is blamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .layout import KIND_OF_FOLDER
from .problems import Problem, file_problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX_LENGTH = 80
ID_FIX = "ids are lowercase letters and digits joined by single hyphens, at most 80 characters, e.g. exit-tickets"


@dataclass(frozen=True)
class SourceFile:
    path: str  # repository-relative, forward slashes: what every message names
    absolute: Path
    kind: str  # issuer | credential | pathway
    id: str
    issuer_id: str


def is_valid_id(text: str) -> bool:
    return len(text) <= ID_MAX_LENGTH and bool(ID_PATTERN.match(text))


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _outside_link(root: Path, path: Path) -> Problem:
    return file_problem(_relative(root, path), "symlink points outside the catalog", "replace the link with the file itself")


def _inside(path: Path, folder: Path) -> bool:
    """True when `path`, with every symlink resolved, is still inside `folder`."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def discover(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """List the definition files under `root/catalog`, with every layout problem."""
    catalog = root / "catalog"
    if not catalog.is_dir():
        return [], [file_problem("catalog/", "catalog folder not found", "create catalog/<issuer-id>/issuer.yml")]

    files: list[SourceFile] = []
    problems: list[Problem] = []

    for entry in sorted(catalog.iterdir()):
        rel = _relative(root, entry)
        if entry.name.startswith("."):
            continue
        if not _inside(entry, catalog):
            problems.append(file_problem(rel, "symlink points outside the catalog", "replace the link with the folder itself"))
            continue
        if not entry.is_dir():
            if entry.suffix in (".yml", ".yaml"):
                problems.append(file_problem(rel, "definition file is not inside an issuer folder", "move it to catalog/<issuer-id>/credentials/ or pathways/"))
            continue
        if not is_valid_id(entry.name):
            problems.append(file_problem(rel + "/", f"issuer folder name `{entry.name}` is not a valid id", ID_FIX))
            continue
        files_here, problems_here = _discover_issuer(root, entry)
        files += files_here
        problems += problems_here
    if not files and not problems:
        problems.append(file_problem("catalog/", "catalog folder holds no issuer folder", "create one: make new-issuer ISSUER=<issuer-id>"))
    return files, problems


def _discover_issuer(root: Path, folder: Path):
    files: list[SourceFile] = []
    problems: list[Problem] = []
    issuer_id = folder.name
    issuer_file = folder / "issuer.yml"
    if issuer_file.is_symlink() and not _inside(issuer_file, root / "catalog"):
        problems.append(_outside_link(root, issuer_file))
    elif issuer_file.is_file() or issuer_file.is_symlink():
        files.append(SourceFile(_relative(root, issuer_file), issuer_file, "issuer", issuer_id, issuer_id))
    else:
        problems.append(file_problem(_relative(root, folder) + "/", "issuer folder has no issuer.yml", f"add catalog/{issuer_id}/issuer.yml (make new-issuer ISSUER={issuer_id})"))

    for path in sorted(folder.rglob("*")):
        rel = _relative(root, path)
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or parts[0] == "images" or path == issuer_file:
            continue
        if path.is_symlink() and not _inside(path, root / "catalog"):
            problems.append(_outside_link(root, path))
            continue
        if path.is_dir() and parts[0] in KIND_OF_FOLDER and len(parts) == 1:
            continue
        if path.suffix == ".yaml":
            problems.append(file_problem(rel, "definition files end in .yml", f"rename it to {path.stem}.yml"))
            continue
        if len(parts) != 2 or parts[0] not in KIND_OF_FOLDER or path.suffix != ".yml":
            if path.suffix == ".yml" or path.is_dir():
                problems.append(file_problem(rel, "file is not in a place the catalog reads", "put credentials in credentials/<id>.yml and pathways in pathways/<id>.yml"))
            continue
        file_id = path.stem
        if not is_valid_id(file_id):
            lowered = re.sub(r"[^a-z0-9]+", "-", file_id.lower()).strip("-")[:ID_MAX_LENGTH]
            problems.append(file_problem(rel, f"file name `{file_id}` is not a valid id", f"{ID_FIX}: rename it to {lowered}.yml"))
            continue
        files.append(SourceFile(rel, path, KIND_OF_FOLDER[parts[0]], file_id, issuer_id))
    return files, problems
