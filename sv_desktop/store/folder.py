"""The data folder: created user-only, proven writable, and a new database file readable by its owner only.

Nothing but the standard library, so the instance lock can use it at start-up before the window shows.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import StoreError

RESTORING_PREFIX = ".restoring-"
"""A restore copies the backup under this name before renaming it into place (see `backups`)."""


def prepare_folder(folder: Path) -> None:
    """Create the folder (user-only on creation) and prove it can be written, with a plain message if not."""
    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except FileExistsError:
        raise StoreError(f"sv-desktop cannot use {folder} as its data folder: a file of that name is "
                         "in the way. Move the file or choose another data folder.") from None
    except NotADirectoryError:
        raise StoreError(f"sv-desktop cannot create its data folder {folder}: part of that path is a file, "
                         "not a folder. Choose another data folder.") from None
    except PermissionError:
        raise StoreError(f"sv-desktop cannot write to its data folder {folder} (permission denied). "
                         "Ask your IT team to give you write access, or choose another data folder.") from None
    except OSError as exc:
        raise StoreError(f"sv-desktop cannot use its data folder {folder}: {exc.strerror or exc}.") from None


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
