"""The data folder: created user-only, proven writable, and a new database file readable by its owner only.

Nothing but the standard library, so the instance lock can use it at start-up before the window shows.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..i18n import _
from .errors import StoreError

RESTORING_PREFIX = ".restoring-"
"""A restore copies the backup under this name before renaming it into place (see `backups`)."""


def prepare_folder(folder: Path) -> None:
    """Create the folder (user-only on creation) and prove it can be written, with a plain message if not.
    An existing data folder is made user-only again, with everything in it (`make_private`)."""
    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        else:
            make_private(folder)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except FileExistsError:
        raise StoreError(_("sv-desktop cannot use {folder} as its data folder: a file of that name is "
                           "in the way. Move the file or choose another data folder.").format(folder=folder)) from None
    except NotADirectoryError:
        raise StoreError(_("sv-desktop cannot create its data folder {folder}: part of that path is a "
                           "file, not a folder. Choose another data folder.").format(folder=folder)) from None
    except PermissionError:
        raise StoreError(_("sv-desktop cannot write to its data folder {folder} (permission denied). "
                           "Ask your IT team to give you write access, or choose another data folder.").format(
                           folder=folder)) from None
    except OSError as exc:
        raise StoreError(_("sv-desktop cannot use its data folder {folder}: {value}.").format(
                           folder=folder, value=exc.strerror or exc)) from None


def create_empty_file(path: Path) -> None:
    """Create the database file readable by its owner only; SQLite gives -wal/-shm the same mode."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def remove_interrupted_restores(folder: Path) -> list[Path]:
    """Delete the copies left by restores that were cut off (a crash, a kill, a power cut).

    Only the holder of the instance lock calls this, so no restore can be under way at the time; the
    database itself was never touched by an interrupted restore (the copy is renamed into place last)."""
    removed = []
    for leftover in folder.glob(f"{RESTORING_PREFIX}*"):
        try:
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue  # tried again at the next start
    return removed


def make_private(folder: Path) -> None:
    """The data folder and every folder in it 0700, every file 0600, whatever the umask was when they were
    written (Qt's window-state file, a settings file from an older version, a copied-in backup).

    Only what this user owns is changed, symbolic links are neither followed nor changed, and on Windows
    (where the user's profile ACL applies) nothing is done. A file that cannot be changed is left alone."""
    if os.name != "posix":
        return
    uid = os.getuid()

    def tighten(path: Path, mode: int) -> None:
        try:
            info = path.lstat()
            if info.st_uid == uid and not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
                os.chmod(path, mode)
        except OSError:
            pass

    tighten(folder, 0o700)
    for root, folders, files in os.walk(folder):
        for name in folders:
            tighten(Path(root, name), 0o700)
        for name in files:
            candidate = Path(root, name)
            with contextlib.suppress(OSError):
                if stat.S_ISREG(candidate.lstat().st_mode):
                    tighten(candidate, 0o600)
