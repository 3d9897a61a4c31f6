"""Export the questions as an e-tendering portal workbook: choose the portal's layout, then the file.

The profiles are read and the workbook written off the UI thread; the wizard's exporter supplies the
tender, the last folder used and the status message, so this flow behaves like the pack exports.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...services.errors import ServiceError
from ..worker import run_in_background
from .exporting import LAST_FOLDER_KEY, Exporter, safe_file_stem


def formats() -> dict[str, str]:
    """File filter -> suffix, in the language in use."""
    return {_("Excel workbook") + " (*.xlsx)": ".xlsx", _("CSV, comma-separated") + " (*.csv)": ".csv"}
PROFILE_KEY = "export/portal_profile"


class PortalProfileDialog(QDialog):
    """Pick the portal layout; its description says what the workbook will hold."""

    def __init__(self, profiles: dict[str, str], chosen: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Portal workbook"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Write the social value questions, weights, word limits and scoring in the layout your "
                       "e-tendering portal imports, so nothing is retyped."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.profile = QComboBox()
        self.profile.setAccessibleName(_("Portal layout"))
        for profile_id, name in profiles.items():
            self.profile.addItem(name, profile_id)
        index = self.profile.findData(chosen)
        self.profile.setCurrentIndex(max(index, 0))
        form.addRow(_("Portal &layout:"), self.profile)
        layout.addLayout(form)
        hint = QLabel(_("A Trust can add its own layout as a profile file in the data folder's "
                      "portal-profiles folder."))
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose = buttons.addButton(_("&Choose file…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def profile_id(self) -> str:
        return str(self.profile.currentData())


def export_portal(exporter: Exporter) -> None:
    """Start the portal export for the wizard's tender (the profiles are read in the background first)."""
    parent = exporter.parent_widget

    def chosen(profiles: dict[str, str]) -> None:
        _ask_and_write(exporter, profiles)

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, _("Not exported"), _("The portal workbook was not saved: {error}").format(
            error=error))

    run_in_background(exporter.service.portal_profiles, chosen, failed, context=parent)


def _ask_and_write(exporter: Exporter, profiles: dict[str, str]) -> None:
    parent = exporter.parent_widget
    dialog = PortalProfileDialog(profiles, str(exporter.settings.value(PROFILE_KEY, "neutral")), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    profile = dialog.profile_id()
    exporter.settings.setValue(PROFILE_KEY, profile)
    tender = copy.deepcopy(exporter._tender())
    suggested = exporter._start_folder() / (_("{reference} portal workbook").format(
        reference=safe_file_stem(tender.reference)) + ".xlsx")
    filters = formats()
    chosen, file_filter = QFileDialog.getSaveFileName(
        parent, _("Export the portal workbook"), str(suggested), ";;".join(filters),
        options=QFileDialog.Option.DontConfirmOverwrite)
    if not chosen:
        return
    path = Path(chosen)
    suffix = filters.get(file_filter, ".xlsx")
    if path.suffix.lower() not in filters.values():
        path = path.with_name(path.name + suffix)
    if path.exists():
        answer = QMessageBox.question(
            parent, _("Replace the file?"),
            _("{name} already exists in {folder}. Replace it?").format(name=path.name, folder=path.parent),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return

    def written(result: tuple[Path, list[str]]) -> None:
        out, notes = result
        exporter.settings.setValue(LAST_FOLDER_KEY, str(Path(out).parent))
        exporter.last_path = Path(out)
        message = _("Saved the portal workbook as {path}.").format(path=out)
        if notes:
            message += " " + ngettext("{n} value shortened to the portal's length: {notes}",
                                      "{n} values shortened to the portal's length: {notes}", len(notes)).format(
                n=len(notes), notes=" ".join(notes))
        exporter.done.emit(message)

    def failed(error: Exception) -> None:
        message = str(error) if isinstance(error, ServiceError) else _("an unexpected problem; nothing was written")
        QMessageBox.warning(parent, _("Not exported"),
                            _("The portal workbook was not saved: {message}").format(message=message))

    run_in_background(lambda: exporter.service.export_portal(tender, path, profile), written, failed,
                      context=parent)
