"""Problems found in the catalog: collected as values, reported together.

One problem is one line a contributor can act on:
`catalog/acme/credentials/x.yml:12:5: error: <what is wrong> (<json path>) — <how to fix>`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

ERROR = "error"
WARNING = "warning"
# Control characters and everything `str.splitlines` breaks on: a key or value quoted
# in a message must not split its problem over two lines or rewrite the terminal.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


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
        return f"{one_line(self.path)}:{self.line}:{self.column}: {self.severity}: {self._explanation()}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the pull request's line."""
        props = (
            f"file={_escape_property(one_line(self.path))},line={self.line},col={self.column},"
            f"title={_escape_property(one_line(self.message))}"
        )
        return f"::{self.severity} {props}::{_escape_data(self._explanation())}"

    def _explanation(self) -> str:
        where = f" ({self.json_path})" if self.json_path else ""
        fix = f" — {self.fix}" if self.fix else ""
        return one_line(f"{self.message}{where}{fix}")


class Located(Protocol):
    """A parsed definition file: its path, and where each of its values stands (load.Document)."""

    @property
    def path(self) -> str: ...
    def position(self, path: tuple) -> tuple[int, int]: ...
    def key_position(self, path: tuple) -> tuple[int, int]: ...


def problem_at(document: Located, path: tuple, message: str, fix: str, severity: str = ERROR, *, at_key: bool = False) -> Problem:
    """A problem with the value at `path` (or, `at_key`, with its field name), on its line."""
    line, column = document.key_position(path) if at_key else document.position(path)
    return Problem(document.path, line, column, message, json_path(path), fix, severity)


def file_problem(path: str, message: str, fix: str, severity: str = ERROR) -> Problem:
    """A problem with a whole file (its name, its size, its place): reported on its first line."""
    return Problem(path, 1, 1, message, "", fix, severity)


def json_path(path: tuple) -> str:
    """`$.submission.parts[0]` for ("submission", "parts", 0)."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def one_line(text: str) -> str:
    """`text` with line breaks and control characters written as escapes: a\\nb."""
    return _NOT_ONE_LINE.sub(lambda found: _ESCAPES.get(found.group(), f"\\u{ord(found.group()):04x}"), text)


def _escape_data(text: str) -> str:
    # Line breaks are already escapes (`one_line`); `%` starts GitHub's own escapes.
    return text.replace("%", "%25")


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
