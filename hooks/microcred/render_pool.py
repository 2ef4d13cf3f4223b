"""Runs a job over chunks of work in a pool of forked processes, or in this process.

The build's pages and exports are independent of each other, and the model they are
rendered from is already in memory: forked workers share it without copying or
pickling, so a job names its work by small keys (page URIs) and each worker writes its
own output. Only what a job returns travels back, so keep it small.

Forking is safe only from a single-threaded process: a thread holding a lock at the
fork leaves that lock held forever in the child. A build is single-threaded; `serve`
runs its server and file watcher in threads, so there the job runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

WORKERS_VARIABLE = "MICROCRED_WORKERS"
# Chunks per worker: enough that a worker finishing early takes more, few enough that
# sending them costs nothing.
CHUNKS_PER_WORKER = 8

_job: Callable[[Any], Any] | None = None  # set just before the fork; the workers inherit it
_in_worker = False


class WorkersSettingError(ValueError):
    """MICROCRED_WORKERS is not a whole number of 1 or more."""


def worker_count(environ=os.environ) -> int:
    """MICROCRED_WORKERS, or one worker per core."""
    value = environ.get(WORKERS_VARIABLE, "").strip()
    if not value:
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise WorkersSettingError(f"{WORKERS_VARIABLE}={value!r}: write a whole number of worker processes, 1 or more (default: one per core)")
    return int(value)


def in_worker() -> bool:
    """True in a process forked by `run`."""
    return _in_worker


def can_fork() -> bool:
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def chunks(items: Sequence, workers: int) -> list[list]:
    """Items dealt into about CHUNKS_PER_WORKER chunks per worker, keeping their order
    within each chunk (so the first items, often the heaviest, start first)."""
    size = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def run(job: Callable[[Any], Any], parts: Sequence, workers: int) -> Iterator[Any]:
    """`job(part)` for every part: results as the parts finish, in no set order; the
    first parts start first.

    In this process when one worker is asked for, when there is at most one part, or
    when this process has threads (see the module's note).
    """
    if workers <= 1 or len(parts) <= 1 or not can_fork():
        yield from map(job, parts)
        return
    global _job
    _job = job
    # What exists now is the workers' to share: frozen, the cycle collector leaves it out,
    # so a worker's collections neither walk the whole model nor touch (and so copy) its pages.
    gc.freeze()
    try:
        with ProcessPoolExecutor(min(workers, len(parts)), mp_context=multiprocessing.get_context("fork"), initializer=_become_worker) as pool:
            for done in as_completed([pool.submit(_run_job, part) for part in parts]):
                yield done.result()  # a worker that died (killed, out of memory) raises BrokenProcessPool here
    finally:
        gc.unfreeze()
        _job = None


def _become_worker() -> None:
    global _in_worker
    _in_worker = True


def _run_job(chunk):
    assert _job is not None, "a worker runs only the job it was forked for"
    return _job(chunk)
