"""Python's cyclic garbage collector, run on the UI thread only.

Left to itself, the collector runs in whichever thread happens to allocate when a threshold is passed: a
background save or export can then free the last reference to a closed window and run Qt widget
destructors off the UI thread, which Qt does not allow (a crash, or a thread waiting forever on Qt while Qt
waits on it). Automatic collection is therefore switched off and the same thresholds are checked by a timer
on the UI thread, collecting the generations that are due, as CPython would have. A full collection walks
every object the app holds (tens of milliseconds with ten thousand tenders listed): CPython spaces those out by
how many long-lived objects are new, which Python code cannot read, so here they are at most one a minute.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
FULL_EVERY_S = 60.0
"""The least time between two full (oldest generation) collections."""


class UiThreadCollector(QObject):
    """Collects garbage on the thread that owns it (the UI thread), never elsewhere."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.last_full = clock()
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def due(self) -> int | None:
        """The oldest generation due for collection under CPython's own thresholds, or None."""
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return None
        if counts[1] <= self.thresholds[1]:
            return 0
        if counts[2] > self.thresholds[2] and self.clock() - self.last_full >= FULL_EVERY_S:
            return 2
        return 1

    def check(self) -> int:
        """Collect what is due now; the number of unreachable objects found."""
        generation = self.due()
        if generation is None:
            return 0
        if generation == 2:
            self.last_full = self.clock()
        return gc.collect(generation)

    def stop(self) -> None:
        """Hand collection back to Python (automatic, in any thread)."""
        self.timer.stop()
        gc.enable()


def collect_on_ui_thread(app: QObject) -> UiThreadCollector:
    """Install the collector on `app` once; the same one on later calls."""
    existing = app.findChild(UiThreadCollector)
    return existing if existing is not None else UiThreadCollector(app)
