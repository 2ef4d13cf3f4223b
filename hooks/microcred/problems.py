"""Problems found in the catalog: collected as values, reported together.

One problem is one line a contributor can act on:
`catalog/acme/credentials/x.yml:12:5: error: <what is wrong> (<json path>) — <how to fix>`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # repository-relative, forward slashes
    line: int  # 1-based
    column: int  # 1-based
    message: str
    json_path: str = "$"
    fix: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_text(self) -> str:
        where = f" ({self.json_path})" if self.json_path else ""
        fix = f" — {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}{where}{fix}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the pull request's line."""
        where = f" ({self.json_path})" if self.json_path else ""
        fix = f" — {self.fix}" if self.fix else ""
        props = (
            f"file={_escape_property(self.path)},line={self.line},col={self.column},"
            f"title={_escape_property(self.message)}"
        )
        return f"::{self.severity} {props}::{_escape_data(self.message + where + fix)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems))


def summary(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    counts = Counter(p.severity for p in problems)
    files = len({p.path for p in problems})
    errors, warnings = counts[ERROR], counts[WARNING]
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} file{'s' * (files != 1)}"
    )


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)
