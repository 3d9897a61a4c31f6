"""Garbage is freed on the UI thread only: a worker thread allocating never runs the collector (which would
run the destructors of closed windows there)."""

from __future__ import annotations

import gc
import threading

from sv_desktop.ui.collector import collect_on_ui_thread


class Cycle:
    """Garbage that only the cyclic collector frees; records the thread that freed it."""

    def __init__(self, freed: list[threading.Thread]) -> None:
        self.me = self
        self.freed = freed

    def __del__(self) -> None:
        self.freed.append(threading.current_thread())


def test_a_worker_allocating_does_not_collect_and_the_ui_thread_does(qtbot, qapp):
    collector = collect_on_ui_thread(qapp)
    assert collect_on_ui_thread(qapp) is collector, "one collector per application"
    assert not gc.isenabled()
    freed: list[threading.Thread] = []
    Cycle(freed)
    kept: list[list] = []

    def allocate() -> None:  # far past the first generation's threshold, in another thread
        kept.extend([] for _ in range(50 * collector.thresholds[0]))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert freed == [], "the worker thread ran the collector"
    assert collector.due() is not None
    qtbot.waitUntil(lambda: bool(freed), timeout=5000)  # the timer on the UI thread
    assert freed == [threading.main_thread()]
    assert collector.due() is None


def test_a_full_collection_waits_a_minute_after_the_last(qapp):
    """Younger generations are collected as CPython would; the full one (which walks every object) is spaced."""
    from PySide6.QtCore import QObject

    from sv_desktop.ui.collector import FULL_EVERY_S, UiThreadCollector

    now = [1000.0]
    owner = QObject()
    collector = UiThreadCollector(owner, clock=lambda: now[0])
    collector.timer.stop()  # driven by hand here
    for _ in range(collector.thresholds[2] + 1):
        gc.collect(1)  # each counts once towards the oldest generation
    for _ in range(collector.thresholds[1] + 1):
        gc.collect(0)  # each counts once towards the middle one
    kept = [[] for _ in range(collector.thresholds[0] + 100)]
    assert collector.due() == 1, "a full collection only a minute after the last"
    now[0] += FULL_EVERY_S
    assert collector.due() == 2
    collector.check()
    assert collector.last_full == now[0] and collector.due() is None
    assert kept
