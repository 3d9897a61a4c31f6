"""One sv-desktop per data folder, so two windows never write over each other's autosaves.

QLockFile records the holder's process id: a lock left by a crashed process is recognised as stale and
taken over, while a lock held by a running sv-desktop is never broken, however old it is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from PySide6.QtCore import QLockFile

from sv_desktop.paths import AppPaths

from ..i18n import _
from .errors import StoreError
from .folder import prepare_folder, remove_interrupted_restores


def acquire_instance_lock(paths: AppPaths) -> QLockFile | None:
    """The held lock (keep a reference until the app exits, then `unlock()`), or None when another
    sv-desktop that is still running holds it."""
    prepare_folder(paths.data_dir)
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)  # age alone never makes a lock stale: a live app may hold it for days
    if lock.tryLock(0) or (lock.error() == QLockFile.LockError.LockFailedError and lock.removeStaleLockFile()
                           and lock.tryLock(0)):
        _settle_in(paths)
        return lock
    return None


def _settle_in(paths: AppPaths) -> None:
    """What the one holder of the lock tidies up: copies left by interrupted restores; the lock file
    readable by its user only."""
    with contextlib.suppress(OSError):
        os.chmod(paths.lock_file, 0o600)
    remove_interrupted_restores(paths.data_dir)


@contextlib.contextmanager
def writer_lock(paths: AppPaths, what: str) -> Iterator[None]:
    """Hold the instance lock for destructive work (a restore, an import) from outside the app, or refuse
    with "sv-desktop is open: close it first" while a running sv-desktop holds it."""
    lock = acquire_instance_lock(paths)
    if lock is None:
        raise StoreError(_("sv-desktop is open: close it first, then {what} again.").format(what=what))
    try:
        yield
    finally:
        lock.unlock()
