"""Generated badges for credentials whose issuer gave no image.

The badge shows the issuer's initials on a colour derived from the issuer id (so all
of an issuer's badges match and the colour never changes between builds) and the
credential title. Geometry and text are computed here; the SVG itself is the Jinja
template `overrides/badges/badge.svg.html`, rendered with autoescape on (the `.html`
suffix keeps mkdocs from publishing the template as a static theme file).
"""

from __future__ import annotations

import colorsys
import hashlib
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .model import Catalog, Credential, Issuer
from .site_urls import badge_path

TEMPLATE = "badge.svg.html"
_SMALL_WORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to"}
# Dark enough that white text on any hue keeps a contrast ratio above 4.5:1 (WCAG AA).
_LIGHTNESS, _SATURATION = 0.28, 0.55


@dataclass(frozen=True)
class Badge:
    credential_id: str
    title: str
    issuer_name: str
    initials: str
    colour: str  # "#rrggbb"
    lines: tuple[str, ...]  # the title wrapped to fit the badge


def initials(name: str) -> str:
    """Up to three initials of an issuer's name, skipping small words: "Open Teaching Collective" -> "OTC"."""
    words = [w for w in re.findall(r"\w+", name) if w.casefold() not in _SMALL_WORDS]
    return "".join(w[0] for w in words[:3]).upper() or "?"


def colour(issuer_id: str) -> str:
    hue = int.from_bytes(hashlib.sha256(issuer_id.encode("utf-8")).digest()[:2], "big") / 65536
    red, green, blue = colorsys.hls_to_rgb(hue, _LIGHTNESS, _SATURATION)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))


def wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """Lines of at most `width` characters; the last shown line ends in "…" when cut (the
    badge is a fixed circle: a long title is shortened, the page shows it whole)."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) <= max_lines:
        return tuple(lines)
    last = textwrap.shorten(" ".join(lines[max_lines - 1:]), width, placeholder="…")
    return (*lines[: max_lines - 1], last)


def badge_for(credential: Credential, issuer: Issuer) -> Badge:
    return Badge(
        credential_id=credential.id,
        title=credential.title,
        issuer_name=issuer.name,
        initials=initials(issuer.name),
        colour=colour(issuer.id),
        lines=wrap(credential.title, width=18, max_lines=4),
    )


def badge_template(template_dir: Path) -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir)), autoescape=True)
    return env.get_template(TEMPLATE)


def badge_svg(credential: Credential, issuer: Issuer, template: jinja2.Template) -> str:
    return template.render(badge=badge_for(credential, issuer))


def badge_files(catalog: Catalog, template_dir: Path) -> dict[str, str]:
    """Site path -> SVG text of every generated badge (credentials without an image)."""
    template = badge_template(template_dir)
    return {
        badge_path(c): badge_svg(c, catalog.issuers[c.issuer_id], template)
        for c in catalog.credentials.values()
        if not c.image
    }
