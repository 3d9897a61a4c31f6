"""One sv-desktop per data folder, so two windows never write over each other's autosaves.

QLockFile records the holder's process id: a lock left by a crashed process is recognised as stale and
taken over, while a lock held by a running sv-desktop is never broken, however old it is.
"""

from __future__ import annotations

from PySide6.QtCore import QLockFile

from sv_desktop.paths import AppPaths

from .folder import prepare_folder


def acquire_instance_lock(paths: AppPaths) -> QLockFile | None:
    """The held lock (keep a reference until the app exits, then `unlock()`), or None when another
    sv-desktop that is still running holds it."""
    prepare_folder(paths.data_dir)
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)  # age alone never makes a lock stale: a live app may hold it for days
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError and lock.removeStaleLockFile() and lock.tryLock(0):
        return lock
    return None
