"""`python -m microcred new ...`: start a definition from a commented template.

The templates (microcred/templates/*.yml) validate structurally once their `TODO`
placeholders are replaced; the lint reports any placeholder left behind.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from .discover import ID_FIX, is_valid_id

TEMPLATES = Path(__file__).parent / "templates"
KINDS = ("credential", "issuer", "pathway")
FOLDERS = {"credential": "credentials", "pathway": "pathways"}


@dataclass(frozen=True)
class Scaffold:
    path: str  # repository-relative, forward slashes
    text: str


@dataclass(frozen=True)
class Refusal:
    message: str
    fix: str


def target_path(kind: str, issuer: str, item_id: str | None) -> str:
    if kind == "issuer":
        return f"catalog/{issuer}/issuer.yml"
    return f"catalog/{issuer}/{FOLDERS[kind]}/{item_id}.yml"


def plan_scaffold(root: Path, kind: str, issuer: str, item_id: str | None, today: datetime.date) -> Scaffold | Refusal:
    """The file to create, or why it must not be created."""
    for label, value in (("issuer id", issuer), *((("id", item_id),) if kind != "issuer" else ())):
        if not value:
            return Refusal(f"no {label} given", "e.g. make new ISSUER=acme ID=exit-tickets")
        if not is_valid_id(value):
            return Refusal(f"`{value}` is not a valid {label}", ID_FIX)
    path = target_path(kind, issuer, item_id)
    if (root / path).exists():
        return Refusal(f"{path} already exists; nothing was written", "pick another id, or edit the existing file")
    if kind != "issuer" and not (root / "catalog" / issuer / "issuer.yml").is_file():
        return Refusal(
            f"issuer folder catalog/{issuer}/ has no issuer.yml",
            f"create the issuer first: make new-issuer ISSUER={issuer} (or check the spelling of the folder)",
        )
    title = json.dumps(item_id.replace("-", " ").title()) if item_id else ""
    text = (TEMPLATES / f"{kind}.yml").read_text(encoding="utf-8")
    return Scaffold(path, text.format(title=title, today=today.isoformat(), issuer=issuer))


def write_scaffold(root: Path, scaffold: Scaffold) -> Path:
    target = root / scaffold.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(scaffold.text)
    return target


def next_steps(kind: str, scaffold: Scaffold) -> list[str]:
    steps = [
        f"1. Open {scaffold.path} and replace every TODO (the comments explain each field).",
        "2. Check it: make validate",
        "3. Preview it: make serve, then open http://127.0.0.1:8000/",
    ]
    if kind == "credential":
        steps.append("4. Set status: active when it is ready, then open a pull request.")
    elif kind == "issuer":
        steps.append("4. Add your reviewers for this folder to .github/CODEOWNERS, then add a credential: make new ISSUER=... ID=...")
    else:
        steps.append("4. Use ids of published credentials in the stages, then open a pull request.")
    return steps
