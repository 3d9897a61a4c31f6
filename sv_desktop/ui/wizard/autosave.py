"""Autosave: every change reaches the database within a second, without a Save button.

Edits restart a short single-shot timer; when the manager pauses, the tender is saved through the
service. A conflict (someone else saved the same tender) stops autosave until the manager reloads, so
nobody's work is silently overwritten; any other failure is reported in plain words and retried on the
next change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ...model.tender import Tender
from ...services.errors import ConflictError, ServiceError
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...services.contract import UiService

DELAY_MS = 500


def _ignore(_result) -> None:
    """A step not remembered only means the tender reopens on the step before: nothing to report."""


class Autosaver(QObject):
    status_changed = Signal(str, str)
    """(state, text): state is "saving", "saved", "error" or "conflict"."""
    saved = Signal(object)
    """The tender as stored (new version number)."""

    def __init__(self, service: UiService, tender: Callable[[], Tender], delay_ms: int = DELAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._tender = tender
        self.dirty = False
        self.conflicted = False
        self.last_error = ""
        current = tender()
        self.stored_reference: str | None = current.reference if current.version else None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._on_timer)

    def schedule(self) -> None:
        """Something changed: save once the manager pauses."""
        self.dirty = True
        if self.conflicted:
            return
        self.status_changed.emit("saving", "Saving…")
        self.timer.start()

    def remember_step(self) -> None:
        """The manager moved to another step: keep it (the wizard reopens there) without a save, so the
        tender's "last changed" and version stay as they were. A tender with edits waiting, or not stored
        yet, takes its step along with its next save."""
        if self.dirty or self.conflicted or not self.stored_reference:
            return
        if not hasattr(self.service, "remember_step"):
            self.schedule()
            return
        reference, step = self.stored_reference, self._tender().current_step
        run_in_background(lambda: self.service.remember_step(reference, step), _ignore, _ignore, context=self)

    def flush(self) -> bool:
        """Save now if anything is waiting; True when nothing is left unsaved."""
        self.timer.stop()
        if not self.dirty:
            return True
        return self.save_now()

    def _on_timer(self) -> None:
        self.save_now()

    def save_now(self) -> bool:
        if self.conflicted:
            return False
        tender = self._tender()
        try:
            stored = self.service.save(tender, previous_reference=self.stored_reference)
        except ConflictError as exc:
            self.conflicted = True
            self.last_error = str(exc)
            self.status_changed.emit(
                "conflict", f"Not saved: {exc} Reload to see the other changes; your last edits are still on screen.")
            return False
        except ServiceError as exc:
            self.last_error = str(exc)
            self.status_changed.emit("error", f"Not saved: {exc}")
            return False
        tender.version = stored.version
        tender.updated_at = stored.updated_at
        self.stored_reference = stored.reference
        self.dirty = False
        self.last_error = ""
        self.status_changed.emit("saved", f"Saved {time.strftime('%H:%M:%S')}")
        self.saved.emit(stored)
        return True

    def reset(self, tender: Tender) -> None:
        """After a reload: the stored tender is the one on screen again."""
        self.timer.stop()
        self.dirty = False
        self.conflicted = False
        self.last_error = ""
        self.stored_reference = tender.reference if tender.version else None
        self.status_changed.emit("saved", "Reloaded the saved tender")
