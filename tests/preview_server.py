"""A real `mkdocs serve` (or `make serve`) on a test project, its terminal kept for reading."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import REPO, env

STARTUP = 60  # seconds for the first build of a fixture catalog, with room for a busy machine
REBUILD = 30  # seconds from a save to the rebuilt site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_serve_command(port: int) -> list[str]:
    """`make serve PORT=...`, run in a test project with the repository's Makefile and .venv
    (STAMP= skips the bootstrap: the tests run in that .venv already)."""
    return ["make", "--no-print-directory", "-f", str(REPO / "Makefile"), "serve", f"PORT={port}", f"VENV={REPO / '.venv'}", "STAMP="]


class Preview:
    """A preview server started in `root`; `terminal()` is everything it printed so far."""

    def __init__(self, root: Path, command: list[str], port: int):
        self.root = root
        self.port = port
        self.url = f"http://127.0.0.1:{port}/catalog/"
        self._log = root.parent / f"serve-{port}.log"
        with self._log.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=root, env=env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    @classmethod
    def make(cls, root: Path) -> Preview:
        port = free_port()
        return cls(root, make_serve_command(port), port)

    @classmethod
    def mkdocs(cls, root: Path) -> Preview:
        port = free_port()
        return cls(root, [str(REPO / ".venv/bin/python"), "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], port)

    def terminal(self) -> str:
        return self._log.read_text(encoding="utf-8", errors="replace")

    def wait_until_serving(self) -> Preview:
        deadline = time.monotonic() + STARTUP
        while "Serving on" not in self.terminal():
            assert self.process.poll() is None, f"the server stopped:\n{self.terminal()}"
            assert time.monotonic() < deadline, f"the server did not start:\n{self.terminal()}"
            time.sleep(0.2)
        return self

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, condition, what: str) -> str:
        """The page at `path` once `condition(html)` holds (the server rebuilds after a save)."""
        deadline = time.monotonic() + REBUILD
        while True:
            status, html = self.get(path)
            if condition(html):
                return html
            assert time.monotonic() < deadline, f"{what} never happened (last status {status}):\n{self.terminal()[-3000:]}"
            time.sleep(0.2)

    def wait_for_rebuild(self, since: int) -> None:
        """Until the server has rebuilt after terminal offset `since`, with no change waiting."""
        deadline = time.monotonic() + REBUILD
        while True:
            later = self.terminal()[since:]
            if "Reloading browsers" in later and later.rfind("Detected file changes") < later.rfind("Reloading browsers"):
                return
            assert time.monotonic() < deadline, f"no rebuild:\n{later[-3000:]}"
            time.sleep(0.2)

    def stop(self) -> None:
        # The session this server was started in, by its id: make and the mkdocs it runs.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
                self.process.wait(timeout=10)
                return
            except ProcessLookupError:
                return
            except subprocess.TimeoutExpired:
                continue
