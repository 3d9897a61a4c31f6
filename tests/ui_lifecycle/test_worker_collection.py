"""Background work never runs Python's cycle collector: it is paused while any task runs and resumed on
the UI thread, so a closed window held in a reference cycle is never deleted off the UI thread."""

from __future__ import annotations

import gc
import threading

from sv_desktop.ui.worker import run_in_background, wait_for_all


def test_collection_is_paused_while_tasks_run_and_resumed_on_the_ui_thread(qtbot):
    assert gc.isenabled()
    release = threading.Event()
    seen: list[bool] = []
    results: list[str] = []

    def work(name: str):
        def run() -> str:
            release.wait(10)
            seen.append(gc.isenabled())
            return name
        return run

    run_in_background(work("first"), results.append, lambda error: results.append(repr(error)))
    run_in_background(work("second"), results.append, lambda error: results.append(repr(error)))
    assert not gc.isenabled(), "paused as soon as work is handed to the pool"
    release.set()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)
    qtbot.waitUntil(gc.isenabled, timeout=10_000)
    assert sorted(results) == ["first", "second"] and seen == [False, False]


def test_a_failing_task_resumes_collection_too(qtbot):
    errors: list[Exception] = []

    def broken() -> None:
        raise ValueError("no")

    run_in_background(broken, lambda _result: None, errors.append)
    wait_for_all()
    qtbot.waitUntil(lambda: bool(errors) and gc.isenabled(), timeout=10_000)
    assert str(errors[0]) == "no"


def test_collection_stays_off_if_it_was_off(qtbot):
    gc.disable()
    try:
        done: list[int] = []
        run_in_background(lambda: 1, done.append, lambda _error: None)
        qtbot.waitUntil(lambda: done == [1], timeout=10_000)
        qtbot.wait(20)
        assert not gc.isenabled()
    finally:
        gc.enable()
