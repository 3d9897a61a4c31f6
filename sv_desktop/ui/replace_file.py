"""Asking before an export replaces a file: an existing file is replaced only when the manager says so, and
a read-only one only after a second, plain question (the export refuses it otherwise, see `export.atomic`).
Anything that is not an ordinary file (a link, a device, a pipe) is refused by the export itself."""

from __future__ import annotations

import stat
from pathlib import Path


def may_replace(parent, service, path: Path, *, asked_already: bool = False) -> bool:
    """True to go ahead with writing `path`. `asked_already`: the file dialog has confirmed replacing it."""
    from PySide6.QtWidgets import QMessageBox

    try:
        info = path.lstat()
    except OSError:
        return True  # nothing there (or nothing we can see): the export says what is wrong, if anything
    if not stat.S_ISREG(info.st_mode):
        return True  # refused by the export with its own sentence
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    if not stat.S_IMODE(info.st_mode) & 0o222:
        answer = QMessageBox.question(
            parent, "Replace a read-only file?",
            f"{path.name} in {path.parent} is read-only, which usually means it should not be changed. "
            "Replace it anyway?", yes | no, no)
        if answer != yes:
            return False
        service.allow_replacing(path)
        return True
    if asked_already:
        return True
    answer = QMessageBox.question(parent, "Replace the file?", f"{path.name} already exists in {path.parent}. "
                                  "Replace it?", yes | no, no)
    return answer == yes
