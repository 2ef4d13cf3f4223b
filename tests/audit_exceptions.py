"""The one place that lists audit findings we accept, each from the theme, with the reason.

Our templates get no exceptions: a finding in markup we write is fixed, not listed here.
A finding is excused only when it comes from mkdocs-material's own templates that we do
not override, is harmless to users, and fixing it would mean copying a whole theme file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Excused:
    origin: str  # the theme file that produces the markup
    message: re.Pattern  # the checker's message (vnu) or rule id (axe)
    extract: re.Pattern  # the offending markup (vnu) or element target (axe)
    why: str

    def matches(self, message: str, extract: str) -> bool:
        return bool(self.message.search(message) and self.extract.search(extract))


VNU = (
    Excused(
        origin="material/templates/base.html (the drawer and search toggles)",
        message=re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        extract=re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">'),
        why=(
            "The theme keeps Firefox from restoring the drawer/search state after a reload with "
            "autocomplete=off on hidden checkboxes; browsers ignore the attribute otherwise. It is "
            "in base.html itself, not a block or partial: fixing it means forking the whole base."
        ),
    ),
)

# axe-core (impact serious or critical): none excused; fixes live in theme-fixes.css.
AXE: tuple[Excused, ...] = ()
