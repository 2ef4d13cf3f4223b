"""`python -m microcred new ...`: start a definition from a commented template.

The templates (microcred/templates/*.yml) validate structurally once their `TODO`
placeholders are replaced; the lint reports any placeholder left behind. They name no
organisation: the addresses they print come from the adopter's mkdocs.yml (identity.py).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from .discover import ID_FIX, is_valid_id
from .field_reference import PAGE_URI as FIELD_REFERENCE_PAGE
from .identity import Identity

TEMPLATES = Path(__file__).parent / "templates"
KINDS = ("credential", "issuer", "pathway")
FOLDERS = {"credential": "credentials", "pathway": "pathways"}
# Without a readable mkdocs.yml there is no site address to print; the page's place still helps.
FIELD_REFERENCE_FALLBACK = "the catalog site's contributing/fields/ page"


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


def field_reference_url(identity: Identity | None) -> str:
    """The generated field reference on the adopter's site (mkdocs serves `x.md` at `x/`)."""
    if identity is None:
        return FIELD_REFERENCE_FALLBACK
    return identity.site_url + FIELD_REFERENCE_PAGE.removesuffix(".md") + "/"


def plan_scaffold(
    root: Path, kind: str, issuer: str, item_id: str | None, today: datetime.date, identity: Identity | None,
) -> Scaffold | Refusal:
    """The file to create, or why it must not be created. `identity` is None when mkdocs.yml can't be read."""
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
    return Scaffold(
        path, text.format(title=title, today=today.isoformat(), issuer=issuer, field_reference=field_reference_url(identity)),
    )


def write_scaffold(root: Path, scaffold: Scaffold) -> Path:
    target = root / scaffold.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(scaffold.text)
    return target


def next_steps(kind: str, scaffold: Scaffold, identity: Identity | None) -> list[str]:
    where = identity.preview_url if identity else "the address it prints"
    steps = [
        f"1. Open {scaffold.path} and replace every TODO (the comments explain each field).",
        "2. Check it: make validate",
        f"3. Preview it: make serve, then open {where}",
    ]
    if kind == "credential":
        steps.append("4. Set status: active when it is ready, then open a pull request.")
    elif kind == "issuer":
        steps.append("4. Add your reviewers for this folder to .github/CODEOWNERS, then add a credential: make new ISSUER=... ID=...")
    else:
        steps.append("4. Use ids of published credentials in the stages, then open a pull request.")
    return steps
