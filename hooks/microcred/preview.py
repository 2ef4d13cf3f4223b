"""The preview (`make serve`): its port, and what it shows while the catalog has problems.

A contributor saves a file and looks at the browser. While the catalog has errors the
preview still answers every request: with the last catalog that built (so a file caught
half-saved by the editor changes nothing until it parses), or an empty one before any
has, and with the problems listed at the top of every page, the same lines the terminal
prints. The build for publishing (`mkdocs build`) stops on errors instead.
"""

from __future__ import annotations

import errno
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from .build_model import build_catalog
from .model import Catalog
from .pipeline import LoadResult
from .problems import Problem, summary

PREVIEW_NOTE = ("The preview shows the last version of the catalog that built, with these problems listed at the top "
                "of every page; it reloads when they are fixed.")


@dataclass(frozen=True)
class PreviewState:
    catalog: Catalog
    problems: tuple[Problem, ...]  # empty when the catalog built; errors first, as they stop it

    @property
    def summary(self) -> str:
        return summary(self.problems)


def preview_state(result: LoadResult, last_good: Catalog | None) -> PreviewState:
    """What the preview shows after a load: the new catalog, or the last good one and the problems."""
    if result.catalog is not None:
        return PreviewState(result.catalog, ())
    problems = tuple(sorted(result.problems, key=lambda p: not p.is_error))  # stable: each group keeps file order
    return PreviewState(last_good if last_good is not None else build_catalog(()), problems)


def busy_port(host: str, port: int) -> str | None:
    """The one line to print when `make serve` cannot listen on the port, else None.

    Asked before the first build, so a busy port costs no wait; mkdocs' own server binds
    with SO_REUSEADDR, so the probe does too (a port a closed server left in TIME_WAIT is free).
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (f"error: port {port} is already in use (another `make serve`?) — stop that server, "
                        f"or pick a free port: make serve PORT={port + 1}")
            return f"error: cannot serve on {host}:{port}: {(error.strerror or str(error)).lower()} — pick another port: make serve PORT={port + 1}"
    return None


def files_state(paths, leave_out: Path | None = None) -> frozenset[tuple[str, int, int]]:
    """(path, modification time, size) of each file at or under `paths`, but not under
    `leave_out` nor in a `__pycache__`: what a preview compares to know whether anything
    but the catalog's definitions changed since its last build."""
    state = set()
    for path in paths:
        if leave_out is not None and Path(path) == leave_out:
            continue
        for folder, subfolders, names in os.walk(path) if Path(path).is_dir() else [(Path(path).parent, [], [Path(path).name])]:
            subfolders[:] = [name for name in subfolders if name != "__pycache__" and Path(folder, name) != leave_out]
            for name in names:
                try:
                    found = os.stat(Path(folder, name))
                except OSError:  # gone, or a link to nothing: as a missing file, it is a change
                    continue
                state.add((str(Path(folder, name)), found.st_mtime_ns, found.st_size))
    return frozenset(state)
