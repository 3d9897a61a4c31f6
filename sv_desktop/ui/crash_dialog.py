"""What the manager sees when something unexpected goes wrong: a plain dialog saying the work is safe to
carry on with, where the log is, a "Copy details" button (the details go to the clipboard for the support
desk) and a button to open the log folder.

`install_error_dialog()` connects the exception hooks of `logging_setup` to this dialog. An exception may be
raised on any thread; the dialog is always shown on the UI thread (the hook emits a queued signal).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ..i18n import _
from ..logging_setup import install_exception_hooks


class ErrorDialog(QDialog):
    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("sv-desktop met an unexpected problem"))
        self.details = details
        self.log_file = log_file
        layout = QVBoxLayout(self)
        where = (_("The details were written to the log {log_file}.").format(log_file=log_file)
                 if log_file is not None else _("The details could not be written to a log."))
        self.message = QLabel(
            _("Something went wrong that sv-desktop did not expect. Your saved work is safe; if what you were "
              "doing did not finish, try it again. {where} If it happens again, copy the details and send them "
              "to your IT support desk.").format(where=where))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Details of the problem"))
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.copy_button = QPushButton(_("&Copy details"))
        self.copy_button.setAccessibleName(_("Copy the details of the problem"))
        self.folder_button = QPushButton(_("&Open log folder"))
        self.folder_button.setEnabled(log_file is not None)
        close = QPushButton(_("Close"))
        close.setDefault(True)
        row.addWidget(self.copy_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(self.open_log_folder)
        close.clicked.connect(self.accept)
        self.resize(620, 380)

    def copy_details(self) -> None:
        text = self.details if self.log_file is None else _("{details}\nLog: {log_file}").format(
            details=self.details, log_file=self.log_file)
        QGuiApplication.clipboard().setText(text)

    def open_log_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.log_file).parent)))


class _Reporter(QObject):
    """Lives on the UI thread; `raised` may be emitted from any thread and reaches `show` queued."""

    raised = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[ErrorDialog] = []
        self.raised.connect(self.show)

    @Slot(str, str)
    def show(self, details: str, log_file: str) -> None:
        dialog = ErrorDialog(details, Path(log_file) if log_file else None)
        dialog.finished.connect(lambda _code, d=dialog: self.shown.remove(d) if d in self.shown else None)
        self.shown.append(dialog)
        dialog.show()  # not modal: the app goes on, and a second problem adds a second dialog
        dialog.raise_()


_reporter: _Reporter | None = None


def install_error_dialog() -> _Reporter:
    """Call on the UI thread once the QApplication exists."""
    global _reporter
    if _reporter is None:
        _reporter = _Reporter()
    reporter = _reporter
    install_exception_hooks(lambda details, log_file: reporter.raised.emit(details, str(log_file or "")))
    return reporter
