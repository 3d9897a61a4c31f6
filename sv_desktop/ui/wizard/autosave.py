"""Autosave: every change reaches the database within a second, without a Save button, and the window never
waits for the database.

Edits restart a short single-shot timer; when the manager pauses, a copy of the tender is saved through the
service on a background thread (`ui.worker`), so a busy database, a row another person holds, or a
slow network never freezes the window. Edits made while a save runs are saved right after it. A conflict
(someone else saved the same tender) stops autosave until the manager reloads, so nobody's work is silently
overwritten; any other failure (the database busy or out of reach, a timeout) is reported in plain words,
the changes stay on screen, and the save is retried every few seconds until it succeeds.

`flush()` (closing the window, exporting) is the one synchronous save: it waits for a running save, which
the database's own timeouts bound, then saves what is left.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ...i18n import _, ngettext
from ...model.tender import Tender
from ...services.errors import ConflictError, InvalidTenderError, ServiceError
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...services.contract import UiService

DELAY_MS = 500
RETRY_MS = 3000
FLUSH_WAIT_S = 60.0
"""How long closing waits for a save already running (the team database's statement timeout is shorter)."""


def _ignore(_result: object) -> None:
    """A step not remembered only means the tender reopens on the step before: nothing to report."""


class _Save:
    """One save on its way: the copy being written, and what came back."""

    def __init__(self, tender: Tender, reference: str | None, edits: int) -> None:
        self.tender = tender
        self.reference = reference
        self.edits = edits
        self.result: Tender | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.handled = False


class Autosaver(QObject):
    status_changed = Signal(str, str)
    """(state, text): state is "saving", "saved", "error" or "conflict"."""
    saved = Signal(object)
    """The tender as stored (new version number)."""

    def __init__(self, service: UiService, tender: Callable[[], Tender], delay_ms: int = DELAY_MS,
                 parent: QObject | None = None, retry_ms: int = RETRY_MS) -> None:
        super().__init__(parent)
        self.service = service
        self._tender = tender
        self.dirty = False
        """True while some change is not yet in the database (a save may be on its way)."""
        self.conflicted = False
        self.last_error = ""
        self._edits = 0
        self._running: _Save | None = None
        current = tender()
        self.stored_reference: str | None = current.reference if current.version else None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._on_timer)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(retry_ms)
        self.retry_timer.timeout.connect(self._on_timer)

    @property
    def saving(self) -> bool:
        return self._running is not None

    def schedule(self) -> None:
        """Something changed: save once the manager pauses."""
        self.dirty = True
        self._edits += 1
        if self.conflicted:
            return
        self.status_changed.emit("saving", _("Saving…"))
        self.timer.start()

    def remember_step(self) -> None:
        """The manager moved to another step: keep it (the wizard reopens there) without a save, so the
        tender's "last changed" and version stay as they were. A tender with edits waiting, or not stored
        yet, takes its step along with its next save."""
        if self.dirty or self.conflicted or not self.stored_reference:
            return
        reference, step = self.stored_reference, self._tender().current_step
        run_in_background(lambda: self.service.remember_step(reference, step), _ignore, _ignore, context=self)

    def _on_timer(self) -> None:
        if self._running is not None or self.conflicted or not self.dirty:
            return  # a save is on its way: what changed meanwhile is saved when it ends
        self.retry_timer.stop()
        save = _Save(copy.deepcopy(self._tender()), self.stored_reference, self._edits)
        self._running = save

        def work() -> None:  # on a pool thread: only the copy and the service are touched
            try:
                save.result = self.service.save(save.tender, previous_reference=save.reference)
            except BaseException as exc:  # noqa: BLE001 - every failure is reported on the UI thread
                save.error = exc
            finally:
                save.done.set()

        run_in_background(work, lambda _none: self._finish(save), lambda _error: self._finish(save), context=self)

    def flush(self) -> bool:
        """Save now if anything is waiting; True when nothing is left unsaved."""
        self.timer.stop()
        self.retry_timer.stop()
        running = self._running
        if running is not None:
            if not running.done.wait(FLUSH_WAIT_S):
                self.last_error = _("The database did not answer in time.")
                return False
            self._finish(running)
        if not self.dirty:
            return True
        return self.save_now()

    def save_now(self) -> bool:
        """Save on this thread (used by `flush`); True when saved."""
        if self.conflicted:
            return False
        save = _Save(self._tender(), self.stored_reference, self._edits)
        try:
            save.result = self.service.save(save.tender, previous_reference=save.reference)
        except Exception as exc:  # noqa: BLE001 - reported like a background failure
            save.error = exc
        self._running = save
        self._finish(save, retry=False)
        return not self.dirty and save.error is None

    def _finish(self, save: _Save, *, retry: bool = True) -> None:
        """Back on the UI thread: apply what a save brought back (once)."""
        if save.handled:
            return
        save.handled = True
        if self._running is save:
            self._running = None
        error = save.error
        if isinstance(error, ConflictError):
            self.conflicted = True
            self.last_error = str(error)
            self.status_changed.emit(
                "conflict", _("Not saved: {error} Reload to see the other changes; your last edits are still on "
                              "screen.").format(error=error))
            return
        if error is not None:
            retry = retry and not isinstance(error, InvalidTenderError)  # trying again cannot help
            self.last_error = str(error) if isinstance(error, ServiceError) else (
                _("the save failed unexpectedly ({kind}: {error})").format(
                    kind=type(error).__name__, error=error))
            seconds = max(1, self.retry_timer.interval() // 1000)
            message = (ngettext("Not saved: {error} Trying again in {n} second; your changes are kept on screen.",
                                "Not saved: {error} Trying again in {n} seconds; your changes are kept on screen.",
                                seconds).format(error=self.last_error, n=seconds) if retry
                       else _("Not saved: {error} Your changes are kept on screen.").format(
                           error=self.last_error))
            self.status_changed.emit("error", message)
            if retry:
                self.retry_timer.start()
            return
        stored = save.result
        assert stored is not None, "a save without an error brings the stored tender back"
        live = self._tender()
        live.version = stored.version
        live.updated_at = stored.updated_at
        self.stored_reference = stored.reference
        self.last_error = ""
        self.dirty = self._edits != save.edits
        if self.dirty:
            self.status_changed.emit("saving", _("Saving…"))
            self.timer.start()
        else:
            self.status_changed.emit("saved", _("Saved {time}").format(time=time.strftime("%H:%M:%S")))
        self.saved.emit(stored)

    def discard(self) -> None:
        """Drop what is waiting to be saved (the window is closing with it saved, or the record is going)."""
        self.timer.stop()
        self.retry_timer.stop()
        self.dirty = False

    def reset(self, tender: Tender) -> None:
        """After a reload: the stored tender is the one on screen again."""
        self.timer.stop()
        self.retry_timer.stop()
        if self._running is not None:
            self._running.handled = True  # whatever it brings back belongs to the tender before the reload
            self._running = None
        self.dirty = False
        self.conflicted = False
        self.last_error = ""
        self.stored_reference = tender.reference if tender.version else None
        self.status_changed.emit("saved", _("Reloaded the saved tender"))
