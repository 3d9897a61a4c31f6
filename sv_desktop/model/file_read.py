"""Reading a file someone hands us, within a size limit and without trusting `stat()`.

The size `stat()` gives a FIFO or a device such as /dev/zero is 0, so a check by size lets them through: a
FIFO then blocks the reader for ever and /dev/zero is read until memory runs out. Here the file is opened
without blocking, refused unless it is a regular file, and read to at most `limit + 1` bytes, so a file
that grows while it is read is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..i18n import _


class FileReadError(ValueError):
    """The file cannot be read as asked; the message is one plain sentence."""


def read_limited(path: str | Path, limit: int, *, what: str = "file") -> bytes:
    """The bytes of the regular file at `path`, or FileReadError when it is anything else or larger than
    `limit` bytes. The caller names the file in front of the message."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise FileReadError(_("{path} does not exist").format(path=path)) from None
    except IsADirectoryError:
        raise FileReadError(_("{path} is a folder, not a {what}").format(path=path, what=what)) from None
    except PermissionError:
        raise FileReadError(_("{path} cannot be read (permission denied)").format(path=path)) from None
    except OSError as exc:
        raise FileReadError(_("{path} cannot be read ({value})").format(path=path, value=exc.strerror or exc)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise FileReadError(_("{path} is a folder, not a {what}").format(path=path, what=what))
        if not stat.S_ISREG(mode):
            raise FileReadError(_("this is not a regular file (it is a device, a pipe or a socket), so "
                                  "it cannot be a {what}").format(what=what))
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise FileReadError(_("{path} cannot be read ({value})").format(path=path, value=exc.strerror or exc)) from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileReadError(_("the file is too large to be a {what} (more than {limit:,} bytes)").format(
                              what=what, limit=limit))
    return data
