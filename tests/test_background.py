"""The preview's work after it has answered: steps that stop when superseded, work run again when asked."""

from __future__ import annotations

import threading

from microcred.background import Latest, Steps


def test_stopped_steps_give_back_those_not_run():
    ran, created = [], threading.Event()

    def run(step: str) -> None:
        created.wait()
        ran.append(step)
        steps.supersede()  # a new save, while the first step runs

    steps = Steps(["a", "b", "c"], run, done=lambda: None, failed=lambda: None)
    created.set()
    assert steps.stop() == ["b", "c"]
    assert ran == ["a"]


def test_work_asked_for_while_it_runs_runs_once_more_when_done():
    runs, started, go_on = [], threading.Event(), threading.Event()

    def work() -> None:
        runs.append(len(runs))
        started.set()
        go_on.wait()

    latest = Latest(work, failed=lambda: None)
    latest.ask()
    started.wait()
    latest.ask()
    latest.ask()
    go_on.set()
    latest.wait()
    assert runs == [0, 1]
