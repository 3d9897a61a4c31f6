"""Background work never runs Python's cycle collector: garbage is collected on the UI thread only, so a
closed window held in a reference cycle is never deleted off the UI thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from sv_desktop.ui.collector import UiThreadCollector
from sv_desktop.ui.worker import run_in_background, wait_for_all


class ClosedWindow(QWidget):
    """A closed window caught in a reference cycle; records the thread that frees its Python side."""

    def __init__(self, freed: list[threading.Thread]) -> None:
        super().__init__()
        self.cycle = self
        self.freed = freed

    def __del__(self) -> None:
        self.freed.append(threading.current_thread())


def test_background_work_allocating_never_collects_and_the_ui_thread_does(qtbot, qapp):
    freed: list[threading.Thread] = []
    ClosedWindow(freed)  # unreachable at once (no events run in between, so it is still in the youngest generation)
    results: list[list] = []

    def allocate() -> list:  # far past the collector's first threshold, on a pool thread, and kept
        return [[] for _ in range(50 * gc.get_threshold()[0])]

    run_in_background(allocate, results.append, lambda error: results.append([]))
    assert qapp.findChild(UiThreadCollector) is not None and not gc.isenabled()
    assert wait_for_all()
    assert freed == [], "a worker thread ran the collector"
    qtbot.waitUntil(lambda: bool(results) and bool(freed), timeout=10_000)
    assert results[0] and freed == [threading.main_thread()]


def test_a_failing_task_leaves_collection_on_the_ui_thread(qtbot, qapp):
    errors: list[Exception] = []

    def broken() -> None:
        raise ValueError("no")

    run_in_background(broken, lambda _result: None, errors.append)
    wait_for_all()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert str(errors[0]) == "no"
    assert not gc.isenabled() and qapp.findChild(UiThreadCollector).timer.isActive()
