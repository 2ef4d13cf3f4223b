"""`python -m microcred new ...`: start a definition from a commented template.

The templates (microcred/templates/*.yml) validate structurally once their `TODO`
placeholders are replaced; the lint reports any placeholder left behind. They name no
organisation: the addresses they print come from the adopter's mkdocs.yml (identity.py).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .ctid import mint_ctid
from .discover import ID_FIX, is_valid_id
from .field_reference import PAGE_URI as FIELD_REFERENCE_PAGE
from .identity import SERVE_PORT, Identity
from .layout import FOLDER_OF_KIND, definition_path
from .site_urls import SiteUrls

TEMPLATES = Path(__file__).parent / "templates"
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


def field_reference_url(identity: Identity | None) -> str:
    """The generated field reference on the adopter's site (mkdocs serves `x.md` at `x/`)."""
    if identity is None:
        return FIELD_REFERENCE_FALLBACK
    return identity.site_url + FIELD_REFERENCE_PAGE.removesuffix(".md") + "/"


def plan_scaffold(
    root: Path, kind: str, issuer: str, item_id: str | None, today: datetime.date, identity: Identity | None,
) -> Scaffold | Refusal:
    """The file to create, or why it must not be created. `identity` is None when mkdocs.yml can't be read.
    A credential or pathway gets a new Credential Engine id (CTID): it is minted once, here."""
    for label, value in (("issuer id", issuer), *((("id", item_id),) if kind != "issuer" else ())):
        if not value:
            return Refusal(f"no {label} given", "e.g. make new ISSUER=acme ID=exit-tickets")
        if not is_valid_id(value):
            return Refusal(f"`{value}` is not a valid {label}", ID_FIX)
    path = definition_path(kind, issuer, item_id)
    if (root / path).exists():
        return Refusal(f"{path} already exists; nothing was written", "pick another id, or edit the existing file")
    taken = _file_with_id(root, item_id) if kind != "issuer" and item_id else None
    if taken:
        suggestion = f"{issuer}-{item_id}"
        example = f", e.g. {suggestion}" if is_valid_id(suggestion) else ""
        return Refusal(f"id `{item_id}` is already used by {taken}; nothing was written", f"ids are unique across the whole catalog: pick another id{example}")
    if kind != "issuer" and not (root / "catalog" / issuer / "issuer.yml").is_file():
        return Refusal(
            f"issuer folder catalog/{issuer}/ has no issuer.yml",
            f"create the issuer first: make new-issuer ISSUER={issuer} (or check the spelling of the folder)",
        )
    title = json.dumps(item_id.replace("-", " ").title()) if item_id else ""
    text = (TEMPLATES / f"{kind}.yml").read_text(encoding="utf-8")
    return Scaffold(
        path, text.format(
            title=title, today=today.isoformat(), issuer=issuer, field_reference=field_reference_url(identity),
            ctid=mint_ctid(),
        ),
    )


def _file_with_id(root: Path, item_id: str) -> str | None:
    """The credential or pathway file of any issuer that already has this id (ids are unique
    across kinds and issuers), so `make new` never starts a file the validator will refuse."""
    found = sorted(path for folder in FOLDER_OF_KIND.values() for path in (root / "catalog").glob(f"*/{folder}/{item_id}.yml"))
    return found[0].relative_to(root).as_posix() if found else None


def write_scaffold(root: Path, scaffold: Scaffold) -> Path:
    target = root / scaffold.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(scaffold.text)
    return target


def _preview_page(kind: str, scaffold: Scaffold, identity: Identity | None) -> str:
    """The new file's page under `make serve` (read off its path: catalog/<issuer>/.../<id>.yml)."""
    if identity is None:
        return "the address it prints"
    path = PurePosixPath(scaffold.path)
    urls = SiteUrls.for_site(identity.preview_url)
    if kind == "issuer":
        return urls.issuer_page(path.parts[1])
    return urls.credential_page(path.stem) if kind == "credential" else urls.pathway_page(path.stem)


def next_steps(kind: str, scaffold: Scaffold, identity: Identity | None) -> list[str]:
    # The preview shows what the site would publish, so a draft has no page there.
    activate = "set status: active (a draft has no page), " if kind != "issuer" else ""
    steps = [
        f"1. Open {scaffold.path} and replace every TODO (the comments explain each field).",
        "2. Check it: make validate",
        f"3. Preview it: {activate}run make serve and open {_preview_page(kind, scaffold, identity)}: it reloads as you"
        f" save and lists any problems at the top (port {SERVE_PORT} busy? make serve PORT={SERVE_PORT + 1})",
    ]
    if kind == "credential":
        steps.append("4. Open a pull request: status: active publishes it once merged, draft keeps it unpublished.")
    elif kind == "issuer":
        steps.append("4. Add your reviewers for this folder to .github/CODEOWNERS, then add a credential: make new ISSUER=... ID=...")
    else:
        steps.append("4. Use ids of published credentials in the stages, then open a pull request.")
    return steps
