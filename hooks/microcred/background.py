"""Work the preview does after it has answered: in a thread, stoppable or repeatable.

A save under `serve` first remakes what shows the saved item, and the server answers;
what goes through the whole catalog follows here, so that the next save never waits
long for the last one:

- `Steps` runs a list of steps and stops between two of them when asked (a new save
  supersedes the rest), giving back those it did not run;
- `Latest` runs one piece of work (the search index: seconds, and one run of an
  external program) whenever asked; asked while running, it runs once more when done.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable


def _say_failure(error: Exception) -> None:
    what = " ".join(str(error).split())
    print(f"error: the preview could not be rebuilt: {what} — fix it and save again; the server keeps running", file=sys.stderr)


class Steps:
    """Runs `steps` in a thread, then `done`; `stop()` ends it between two steps."""

    def __init__(self, steps: list[str], run: Callable[[str], None], done: Callable[[], None], failed: Callable[[], None]):
        self._steps, self._run, self._done, self._failed = list(steps), run, done, failed
        self._stopping = threading.Event()
        self._left: list[str] = []
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            for number, step in enumerate(self._steps):
                if self._stopping.is_set():
                    self._left = self._steps[number:]
                    return
                self._run(step)
        except Exception as error:  # noqa: BLE001 - said on one line, as serve's failed rebuilds are
            _say_failure(error)
            self._failed()
            return
        self._done()

    def supersede(self) -> None:
        """Ask it to stop after the step under way."""
        self._stopping.set()

    def stop(self) -> list[str]:
        """Stop after the step under way; the steps not run."""
        self.supersede()
        self._thread.join()
        return self._left


class Latest:
    """Runs `work` in a thread each time it is asked, once at a time; asks made while it
    runs are served by one more run."""

    def __init__(self, work: Callable[[], None], failed: Callable[[], None]):
        self._work, self._failed = work, failed
        self._asked = threading.Condition()
        self._pending = False
        self._running = False

    def ask(self) -> None:
        with self._asked:
            self._pending = True
            if not self._running:
                self._running = True
                threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            with self._asked:
                if not self._pending:
                    self._running = False
                    self._asked.notify_all()
                    return
                self._pending = False
            try:
                self._work()
            except Exception as error:  # noqa: BLE001 - as in Steps
                _say_failure(error)
                self._failed()

    def wait(self) -> None:
        """Until nothing is running or asked for."""
        with self._asked:
            self._asked.wait_for(lambda: not self._running)
