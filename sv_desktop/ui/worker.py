"""Slow work off the UI thread: a function runs in Qt's thread pool and its result (or its error) comes
back to the UI thread through a queued signal, so no widget is ever touched from the worker.

The result is delivered by a small relay object living on the UI thread; giving it a parent (the dialog
that asked) means a dialog closed early simply never hears back.

Python's garbage is collected on the UI thread only (`collector.UiThreadCollector`, installed by the first
background task if the application has not installed it already): Python collects reference cycles in
whichever thread happens to allocate, and a cycle holding a closed window, collected on a worker thread,
deletes that window off the UI thread, which crashes Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from .collector import collect_on_ui_thread

_running: set[Task] = set()
_lock = threading.Lock()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the pool must not delete it under our feet
        self._work = work
        self.signals = _Signals()
        self.done = False

    def run(self) -> None:  # in the pool's thread
        try:
            result = self._work()
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the UI as a message
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            with _lock:
                _running.discard(self)


class _Relay(QObject):
    """Lives on the UI thread, so the worker's signals reach it queued."""

    def __init__(self, task: Task, on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
                 parent: QObject | None) -> None:
        super().__init__(parent)
        self._task = task
        self._on_done = on_done
        self._on_error = on_error
        self._keep = self if parent is None else None  # without a parent, nothing else holds it
        task.signals.finished.connect(self.finished)
        task.signals.failed.connect(self.failed)

    @Slot(object)
    def finished(self, result: object) -> None:
        self._finish(self._on_done, result)

    @Slot(object)
    def failed(self, error: object) -> None:
        self._finish(self._on_error, error)

    def _finish(self, callback: Callable[[Any], None], value: Any) -> None:
        self._task.done = True
        self._keep = None
        self.deleteLater()
        callback(value)


def run_in_background(work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[Exception], None], *, context: QObject | None = None) -> Task:
    """Run `work()` in the thread pool; `on_done(result)` or `on_error(exception)` then runs on the UI
    thread, unless `context` has been destroyed by then."""
    app = QCoreApplication.instance()
    if app is not None:
        collect_on_ui_thread(app)
    task = Task(work)
    _Relay(task, on_done, on_error, context)
    with _lock:
        _running.add(task)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_all(milliseconds: int = 30_000) -> bool:
    """Block until the pool is idle (closing the app, and tests)."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)
