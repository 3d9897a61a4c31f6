"""Save as you type without the UI thread ever waiting on the database: the tender window's `Autosaver`,
whose save after the pause runs in the thread pool.

When the pause comes, a copy of the tender is taken on the UI thread and saved by a worker; the result comes
back through the worker helper's queued signal and is reported exactly as the `Autosaver` reports it (the
same "Saved" status, the same conflict and Reload). Edits made while a save is running are saved by the
next one. `flush()` (Close, and anything that must know everything is stored) still saves at once: it
waits for a save already running, then saves what is left.
"""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field

from ...model.tender import Tender
from ...services.errors import ConflictError, ServiceError
from ..wizard.autosave import Autosaver
from .worker import run_in_background

FLUSH_WAIT_S = 60


@dataclass
class _Flight:
    """One save running in the pool."""

    edits: int
    """How many edits the copy being saved holds."""
    stored: Tender | None = None
    error: Exception | None = None
    landed: bool = False
    done: threading.Event = field(default_factory=threading.Event)


class BackgroundAutosaver(Autosaver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._edits = 0
        self._flight: _Flight | None = None
        self._again = False

    @property
    def saving(self) -> bool:
        """A save is running in the pool."""
        return self._flight is not None

    def schedule(self) -> None:
        self._edits += 1
        super().schedule()

    def _on_timer(self) -> None:
        if self.conflicted:
            return
        if self._flight is not None:
            self._again = True  # saved when the running save has landed
            return
        self._start()

    def _start(self) -> None:
        copy_to_save = copy.deepcopy(self._tender())
        reference = self.stored_reference
        flight = _Flight(edits=self._edits)
        service = self.service

        def work() -> None:  # in the pool: touches only the copy and the service
            try:
                flight.stored = service.save(copy_to_save, previous_reference=reference)
            except Exception as exc:  # noqa: BLE001 - reported on the UI thread
                flight.error = exc
            finally:
                flight.done.set()

        self._flight = flight
        run_in_background(work, lambda _result: self._land(flight), lambda _error: self._land(flight),
                          context=self)

    def _land(self, flight: _Flight) -> None:
        """On the UI thread, once: report the save as `Autosaver.save_now` does."""
        if flight.landed:
            return
        flight.landed = True
        if self._flight is flight:
            self._flight = None
        again, self._again = self._again, False
        if flight.error is not None:
            self._report_failure(flight.error)
            return
        stored = flight.stored
        tender = self._tender()
        tender.version = stored.version
        tender.updated_at = stored.updated_at
        self.stored_reference = stored.reference
        if self._edits == flight.edits:
            self.dirty = False
            self.last_error = ""
            self.status_changed.emit("saved", f"Saved {time.strftime('%H:%M:%S')}")
        self.saved.emit(stored)
        if self.dirty and (again or not self.timer.isActive()):
            self.timer.start()

    def _report_failure(self, error: Exception) -> None:
        if isinstance(error, ConflictError):
            self.conflicted = True
            self.last_error = str(error)
            self.status_changed.emit(
                "conflict",
                f"Not saved: {error} Reload to see the other changes; your last edits are still on screen.")
            return
        self.last_error = str(error) if isinstance(error, ServiceError) else f"The save failed: {error}"
        self.status_changed.emit("error", f"Not saved: {self.last_error}")

    def flush(self) -> bool:
        """Save now: wait for a save already running, then save whatever it did not hold."""
        self.timer.stop()
        flight = self._flight
        if flight is not None:
            flight.done.wait(FLUSH_WAIT_S)
            if flight.done.is_set():
                self._land(flight)
            self.timer.stop()
            if self.conflicted:
                return False
        if not self.dirty:
            return True
        return self.save_now()

    def reset(self, tender: Tender) -> None:
        """After Reload: a save still running belongs to what was on screen before, and is not reported."""
        if self._flight is not None:
            self._flight.landed = True
            self._flight = None
        self._again = False
        super().reset(tender)
