"""Write an export so that a reader never sees half a file and a failure never costs the old one.

The new file is written to a temporary file in the same folder, flushed to disk, then moved over the
target in one step (`os.replace`). Every failure a manager can meet - a read-only or missing folder, a
full disk, the old pack still open in Word or Acrobat (a PermissionError on Windows) - becomes an
`ExportError` with one plain sentence, the old file left as it was and the temporary file removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class ExportError(Exception):
    """An export could not be written; the message is one sentence a manager can act on."""


def _folder_problem(folder: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return f"Cannot write to {folder}: the disk is full."
    if error.errno == errno.EROFS:
        return f"Cannot write to {folder}: the drive is read-only."
    if isinstance(error, PermissionError):
        return f"Cannot write to {folder}: the folder is read-only."
    if isinstance(error, FileNotFoundError):
        return f"Cannot write to {folder}: the folder does not exist."
    return f"Cannot write to {folder}: {error.strerror or error}."


def _new_file_mode(out: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (mkstemp makes it private)."""
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def atomic_write(out: Path, writer: Callable[[Path], object]) -> Path:
    """Call `writer(temp_path)` to produce the file, then move it into place as `out`.

    Returns the final path. Raises `ExportError` for anything the user can fix; an error inside
    `writer` that is not an OSError is passed on unchanged (after the temporary file is removed).
    """
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise ExportError(f"Cannot write {out}: a folder of that name is already there.")
    if not folder.is_dir():
        raise ExportError(f"Cannot write to {folder}: the folder does not exist.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(_folder_problem(folder, error)) from error
    os.close(handle)
    temp = Path(temp_name)
    try:
        try:
            writer(temp)
            with open(temp, "rb+") as written:
                os.fsync(written.fileno())
            os.chmod(temp, _new_file_mode(out))
        except OSError as error:
            if error.filename and Path(error.filename) not in (temp, folder):
                # Not our output (e.g. a template or font the writer reads): say which file failed.
                raise ExportError(f"Cannot produce {out.name}: {error.filename} could not be read "
                                  f"({error.strerror or error}).") from error
            raise ExportError(_folder_problem(folder, error)) from error
        try:
            os.replace(temp, out)
        except PermissionError as error:
            raise ExportError(
                f"Cannot replace {out}: the file is open in another program or read-only. "
                "Close it and try again."
            ) from error
        except OSError as error:
            raise ExportError(_folder_problem(folder, error)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)
    return out
