"""Tiny broken catalogs: the minimal fixture with one file replaced, checked in-process."""

from __future__ import annotations

from pathlib import Path

from microcred.pipeline import load_catalog

from conftest import FIXTURES, make_project

CREDENTIAL = "catalog/acme/credentials/exit-tickets.yml"
PATHWAY = "catalog/acme/pathways/assessment-basics.yml"
ISSUER = "catalog/acme/issuer.yml"


def minimal_text(relative: str) -> str:
    return (FIXTURES / "minimal" / relative.removeprefix("catalog/")).read_text(encoding="utf-8")


def project_with(tmp_path: Path, files: dict[str, str | bytes | None]) -> Path:
    """The minimal project with files written (text or bytes) or removed (None)."""
    root = make_project(tmp_path / "project", FIXTURES / "minimal")
    for relative, content in files.items():
        path = root / relative
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def errors(root: Path) -> list[str]:
    """The error lines `validate` prints for the catalog (quality warnings left out)."""
    return [problem.as_text() for problem in load_catalog(root).problems if problem.is_error]


def replaced(relative: str, old: str, new: str) -> str:
    text = minimal_text(relative)
    assert old in text, old
    return text.replace(old, new, 1)
