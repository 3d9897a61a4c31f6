"""Export and print from the wizard: choose a file, ask before replacing one, report in plain words.

The file dialogs and message boxes are Qt's static helpers, called here and nowhere else in the wizard,
so tests replace them in one place.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ...i18n import _, ngettext
from ...model.tender import Tender
from ...services.errors import ServiceError
from ..print_document import tender_html
from ..prompts import replace_file_allowed
from ..worker import run_in_background
from .supplier_preview import SupplierTextPreview

if TYPE_CHECKING:
    from ...services.contract import UiService

def kinds() -> dict[str, tuple[str, str, str, str]]:
    """(noun, suffix, file filter, dialog caption) of each document, in the language in use."""
    pdf, word = _("PDF documents") + " (*.pdf)", _("Word documents") + " (*.docx)"
    pack, brief = _("social value pack"), _("pre-market brief")
    return {
        "pdf": (pack, ".pdf", pdf, _("Export the pack as PDF")),
        "docx": (pack, ".docx", word, _("Export the pack for Word")),
        "brief": (brief, ".pdf", pdf, _("Export the pre-market brief")),
        "brief_docx": (brief, ".docx", word, _("Export the pre-market brief for Word")),
    }
OPEN_FOLDER_KEY = "export/open_folder"
LAST_FOLDER_KEY = "export/last_folder"


def safe_file_stem(text: str) -> str:
    """A file name part from a reference: no characters Windows refuses, no trailing dots or spaces."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-")
    return stem[:80] or "tender"


class Exporter(QObject):
    done = Signal(str)
    """A message for the status bar after an export or a print."""

    def __init__(self, service: UiService, tender: Callable[[], Tender], findings: Callable[[], list],
                 settings: QSettings, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.service = service
        self._tender = tender
        self._findings = findings
        self.settings = settings
        self.parent_widget = parent_widget
        self.last_path: Path | None = None
        self.unfinished: Callable[[], list[str]] = list
        """Sentences naming each unfinished entry and the value a document uses meanwhile."""
        self.running = 0
        """Exports being written in the background."""

    # ---- preferences

    @property
    def open_folder(self) -> bool:
        return str(self.settings.value(OPEN_FOLDER_KEY, "false")).lower() == "true"

    @open_folder.setter
    def open_folder(self, on: bool) -> None:
        self.settings.setValue(OPEN_FOLDER_KEY, "true" if on else "false")

    def _start_folder(self) -> Path:
        last = self.settings.value(LAST_FOLDER_KEY, "")
        if last and Path(str(last)).is_dir():
            return Path(str(last))
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    # ---- slots (Qt slots must return None)

    def export_pdf(self) -> None:
        self.export("pdf")

    def export_docx(self) -> None:
        self.export("docx")

    def export_brief(self) -> None:
        self.export("brief")

    def export_brief_docx(self) -> None:
        self.export("brief_docx")

    def print_slot(self) -> None:
        self.print_tender()

    # ---- export

    def export(self, kind: str) -> Path | None:
        """Ask where, then write in the background; the path asked for, or None when nothing is written.
        `done` says when the file is written; a failure is a message box."""
        noun, suffix, file_filter, caption = kinds()[kind]
        tender = self._tender()
        unfinished = self.unfinished()
        if unfinished:
            listed = "\n".join(f"• {line}" for line in unfinished[:8])
            answer = QMessageBox.question(
                self.parent_widget, _("Some entries are not finished"),
                _("The {noun} uses the values saved before these entries were "
                  "started:\n\n{listed}\n\nExport anyway?").format(noun=noun, listed=listed),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        suggested = self._start_folder() / f"{safe_file_stem(tender.reference)} {noun}{suffix}"
        chosen, _chosen_filter = QFileDialog.getSaveFileName(self.parent_widget, caption, str(suggested), file_filter,
                                                options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if not replace_file_allowed(self.parent_widget, self.service, path):
            return None
        texts = self.service.supplier_texts(tender, "brief" if kind.startswith("brief") else "pack")
        if not SupplierTextPreview.ask(self.parent_widget, texts, noun):
            return None
        # The document is written off the UI thread from a copy, so the manager can carry on typing.
        copied = copy.deepcopy(tender)
        blockers = sum(1 for f in self._findings() if getattr(f, "severity", "") == "blocker")
        writer = self._writer(kind)
        self.running += 1
        self.done.emit(_("Writing the {noun}…").format(noun=noun))
        run_in_background(lambda: writer(copied, path),
                          lambda written: self._written(noun, Path(written) if written else path, blockers,
                                                        len(unfinished)),
                          lambda error: self._failed(noun, error), context=self)
        return path

    def _written(self, noun: str, written: Path, blockers: int, unfinished: int) -> None:
        self.running -= 1
        self.last_path = written
        self.settings.setValue(LAST_FOLDER_KEY, str(written.parent))
        message = _("Saved the {noun} as {written}.").format(noun=noun, written=written)
        if blockers:
            message += " " + ngettext("It is marked DRAFT: {n} blocker to fix.", "It is marked DRAFT: {n} blockers to fix.",
                                      blockers).format(n=blockers)
        if unfinished:
            message += " " + ngettext("{n} unfinished entry: earlier values used.",
                                      "{n} unfinished entries: earlier values used.", unfinished).format(n=unfinished)
        self.done.emit(message)
        if self.open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.parent)))

    def _failed(self, noun: str, error: Exception) -> None:
        self.running -= 1
        reason = str(error) if isinstance(error, ServiceError) else f"{type(error).__name__}: {error}"
        self.done.emit(_("The {noun} was not saved.").format(noun=noun))
        QMessageBox.warning(self.parent_widget, _("Not exported"),
                            _("The {noun} was not saved: {reason}").format(noun=noun, reason=reason))

    # ---- print

    def print_tender(self) -> bool:
        """Print through the system's print dialog; say plainly when this computer has no printer."""
        if not QPrinterInfo.availablePrinters():
            QMessageBox.information(
                self.parent_widget, _("No printer available"),
                _("No printer is set up on this computer. Export the pack as PDF (Ctrl+E) and print it from "
                "your PDF reader, or ask IT to add a printer."))
            return False
        tender = self._tender()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{tender.reference} {tender.title}"[:120])
        dialog = QPrintDialog(printer, self.parent_widget)
        dialog.setWindowTitle(_("Print the tender"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        self.done.emit(_("Sent {reference} to the printer {printer}.").format(
            reference=tender.reference, printer=printer.printerName()))
        return True

    def print_to(self, printer: QPrinter) -> None:
        document = QTextDocument()
        document.setHtml(self.document_html())
        document.print_(printer)

    def _writer(self, kind: str) -> Callable[[Tender, Path], Path]:
        return {"pdf": self.service.export_pdf, "docx": self.service.export_docx,
                "brief": self.service.export_brief, "brief_docx": self.service.export_brief_docx}[kind]

    def document_html(self) -> str:
        tender = self._tender()
        try:
            requirements = self.service.requirements(tender)
        except (ServiceError, ValueError, KeyError):
            requirements = []
        organisation = self.service.settings.organisation or self.service.content.organisation.name
        return tender_html(tender, self.service.content, self._findings(), requirements, organisation)
