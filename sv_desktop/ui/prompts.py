"""Questions and actions asked the same way wherever they appear: replacing a file, restoring from the bin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from ..services.errors import ServiceError

if TYPE_CHECKING:
    from ..services.contract import UiService


def replace_file_allowed(parent: QWidget | None, path: Path) -> bool:
    """True when `path` does not exist yet or the user agrees to replace it (No is the default)."""
    if not path.exists():
        return True
    answer = QMessageBox.question(
        parent, "Replace the file?", f"{path.name} already exists in {path.parent}. Replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def restore_from_bin(parent: QWidget | None, service: UiService, reference: str) -> bool:
    """Put `reference` back from the bin; says why in a message box and returns False when it cannot."""
    try:
        service.restore_from_bin(reference)
    except ServiceError as exc:
        QMessageBox.warning(parent, "Not restored", str(exc))
        return False
    return True
