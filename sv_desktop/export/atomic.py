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
import threading
from collections.abc import Callable
from pathlib import Path

from ..i18n import _


class ExportError(Exception):
    """An export could not be written; the message is one sentence a manager can act on."""


class ReadOnlyTargetError(ExportError):
    """The file to be replaced is read-only: the app asks first (`allow_replacing`), the CLI refuses."""


NAME_LIMIT = 255
"""Bytes in one file name on the usual filesystems (NTFS counts 255 characters)."""

_allowed: set[str] = set()
_allowed_lock = threading.Lock()


def allow_replacing(out: Path) -> None:
    """The manager agreed to replace this read-only file: the next export to it may do so (once)."""
    with _allowed_lock:
        _allowed.add(os.path.abspath(out))


def _take_permission(out: Path) -> bool:
    with _allowed_lock:
        key = os.path.abspath(out)
        if key in _allowed:
            _allowed.discard(key)
            return True
        return False


def check_target(out: Path) -> None:
    """Refuse, in one sentence, a name too long for the filesystem and anything at `out` that is not an
    ordinary file (a link, a device, a pipe, a folder); a read-only file raises ReadOnlyTargetError."""
    name = out.name
    if len(os.fsencode(name)) > NAME_LIMIT or len(name) > NAME_LIMIT:
        raise ExportError(_("The file name {name}… is too long ({count} characters); file names can "
                            "have at most {name_limit}. Choose a shorter name.").format(
                            name=name[:40], count=len(name), name_limit=NAME_LIMIT))
    try:
        info = out.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise ExportError(_("Cannot write {out}: {value}.").format(out=out, value=error.strerror or error)) from error
    if stat.S_ISLNK(info.st_mode):
        raise ExportError(_("Cannot write {out}: it is a shortcut (link) to another file, and "
                            "sv-desktop only replaces ordinary files. Choose another name.").format(out=out))
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(_("Cannot write {out}: a folder of that name is already there.").format(out=out))
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(_("Cannot write {out}: it is not an ordinary file (a device or a pipe), and "
                            "sv-desktop only replaces ordinary files. Choose another name.").format(out=out))
    if not stat.S_IMODE(info.st_mode) & 0o222 and not _take_permission(out):
        raise ReadOnlyTargetError(_("{out} is read-only, so it was not replaced. Make it writable or "
                                    "choose another name.").format(out=out))


def _folder_problem(folder: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("Cannot write to {folder}: the disk is full.").format(folder=folder)
    if error.errno == errno.EROFS:
        return _("Cannot write to {folder}: the drive is read-only.").format(folder=folder)
    if isinstance(error, PermissionError):
        return _("Cannot write to {folder}: the folder is read-only.").format(folder=folder)
    if isinstance(error, FileNotFoundError):
        return _("Cannot write to {folder}: the folder does not exist.").format(folder=folder)
    return _("Cannot write to {folder}: {error}.").format(folder=folder, error=error.strerror or error)


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

    Only an ordinary file is ever replaced, and a read-only one only with the manager's agreement (see
    `check_target`). Returns the final path. Raises `ExportError` for anything the user can fix; an error inside
    `writer` that is not an OSError is passed on unchanged (after the temporary file is removed).
    """
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    check_target(out)
    if not folder.is_dir():
        raise ExportError(_("Cannot write to {folder}: the folder does not exist.").format(folder=folder))
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name[:100]}.", suffix=".part", dir=folder)
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
                raise ExportError(_("Cannot produce {name}: {filename} could not be read ({value}).").format(
                                    name=out.name, filename=error.filename, value=error.strerror or error)) from error
            raise ExportError(_folder_problem(folder, error)) from error
        try:
            os.replace(temp, out)
        except PermissionError as error:
            raise ExportError(
                _("Cannot replace {out}: the file is open in another program or read-only. Close it "
                  "and try again.").format(out=out)
            ) from error
        except OSError as error:
            raise ExportError(_folder_problem(folder, error)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)
    return out
