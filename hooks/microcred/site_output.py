"""Writes the site's files other than its pages: the exports and the generated badges.

Each is made and written a share at a time (`exports.export_units`, one badge per
credential), so a share's content is dropped as soon as it is on disk: at 10,000
credentials the exports are 400 MB, which a build holding them all would carry to its end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .badge import badge_svg, badge_template
from .exports import CATALOG_WIDE_UNITS, Content, ExportSettings, export_units, unit_files
from .model import Catalog
from .site_urls import badge_path

EXPORT = "export:"  # task prefixes: "export:<unit>", "badge:<credential id>"
BADGE = "badge:"


@dataclass(frozen=True)
class OutputWriter:
    settings: ExportSettings
    badge: jinja2.Template
    site_dir: Path

    def write(self, task: str, catalog: Catalog) -> tuple[str, ...]:
        """Make and write the files of one task of `output_tasks`; their site paths."""
        files: Iterator[tuple[str, Content]]
        if task.startswith(BADGE):
            credential = catalog.credentials[task.removeprefix(BADGE)]
            files = iter([(badge_path(credential), badge_svg(credential, catalog.issuers[credential.issuer_id], self.badge))])
        else:
            files = unit_files(task.removeprefix(EXPORT), catalog, self.settings)
        return tuple(self._write(path, content) for path, content in files)

    def _write(self, path: str, content: Content) -> str:
        target = self.site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as file:
            for piece in [content] if isinstance(content, (str, bytes)) else content:
                file.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        return path


def output_writer(settings: ExportSettings, badge_templates: Path, site_dir: Path) -> OutputWriter:
    return OutputWriter(settings, badge_template(badge_templates), Path(site_dir))


def output_tasks(catalog: Catalog) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every task: (the catalog-wide exports, each a large share of the work; the others:
    schemas, each item's exports, a badge for each credential without an image of its own)."""
    units = export_units(catalog)
    return (tuple(EXPORT + unit for unit in units if unit in CATALOG_WIDE_UNITS),
            (*(EXPORT + unit for unit in units if unit not in CATALOG_WIDE_UNITS),
             *(BADGE + c.id for c in catalog.credentials.values() if not c.image)))
