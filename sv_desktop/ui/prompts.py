"""Questions and actions asked the same way wherever they appear: replacing a file, restoring from the bin."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from ..i18n import _
from ..services.errors import ServiceError

if TYPE_CHECKING:
    from ..services.contract import UiService


def replace_file_allowed(parent: QWidget | None, service: UiService, path: Path, *,
                         asked_already: bool = False) -> bool:
    """True to go ahead with writing `path`: nothing is there, or the manager agrees to replace it (No is
    the default); a read-only file only after a second, plain question. Anything that is not an ordinary
    file (a link, a device, a pipe) is left to the export, which refuses it with its own sentence.
    `asked_already`: the file dialog has confirmed replacing it."""
    try:
        info = path.lstat()
    except OSError:
        return True  # nothing there (or nothing we can see): the export says what is wrong, if anything
    if not stat.S_ISREG(info.st_mode):
        return True
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    if not stat.S_IMODE(info.st_mode) & 0o222:
        answer = QMessageBox.question(
            parent, _("Replace a read-only file?"),
            _("{name} in {parent} is read-only, which usually means it should not be changed. Replace it "
              "anyway?").format(name=path.name, parent=path.parent), yes | no, no)
        if answer != yes:
            return False
        service.allow_replacing(path)
        return True
    if asked_already:
        return True
    answer = QMessageBox.question(parent, _("Replace the file?"), _("{name} already exists in {parent}. Replace it?").format(
        name=path.name, parent=path.parent), yes | no, no)
    return answer == yes


def restore_from_bin(parent: QWidget | None, service: UiService, reference: str, *, bid: bool = False) -> bool:
    """Put the tender (or with `bid`, the bid) `reference` back from the bin; says why in a message box and
    returns False when it cannot."""
    try:
        if bid:
            service.restore_bid(reference)
        else:
            service.restore_from_bin(reference)
    except ServiceError as exc:
        QMessageBox.warning(parent, _("Not restored"), str(exc))
        return False
    return True
