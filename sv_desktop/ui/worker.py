"""Slow work off the UI thread: a function runs in Qt's thread pool and its result (or its error) comes
back to the UI thread through a queued signal, so no widget is ever touched from the worker.

The result is delivered by a small relay object living on the UI thread; giving it a parent (the dialog
that asked) means a dialog closed early simply never hears back.

Python's automatic garbage collection is paused while background work runs and resumed on the UI thread
(`_CollectionGate`): Python collects reference cycles in whichever thread happens to allocate, and a
cycle holding a closed window, collected on a worker thread, deletes that window off the UI thread, which
crashes Qt.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_running: set[Task] = set()
_lock = threading.Lock()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _CollectionGate(QObject):
    """Counts the tasks running; automatic garbage collection is off while there are any. Created, and
    re-enabling collection, on the UI thread only (a worker's `ended` reaches it queued)."""

    ended = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._running = 0
        self._resume = True
        self.ended.connect(self._one_ended)

    def started(self) -> None:
        if self._running == 0:
            self._resume = gc.isenabled()
            gc.disable()
        self._running += 1

    @Slot()
    def _one_ended(self) -> None:
        self._running -= 1
        if self._running == 0 and self._resume:
            gc.enable()

    @property
    def running(self) -> int:
        return self._running


_gate: _CollectionGate | None = None


class Task(QRunnable):
    def __init__(self, work: Callable[[], Any], gate: _CollectionGate | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the pool must not delete it under our feet
        self._work = work
        self._gate = gate
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
            if self._gate is not None:
                self._gate.ended.emit()


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
    global _gate
    if _gate is None:
        _gate = _CollectionGate()
    task = Task(work, _gate)
    _Relay(task, on_done, on_error, context)
    _gate.started()
    with _lock:
        _running.add(task)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_all(milliseconds: int = 30_000) -> bool:
    """Block until the pool is idle (closing the app, and tests)."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)
