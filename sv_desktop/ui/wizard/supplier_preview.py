"""Before a pack or brief is written: every text the manager wrote that it will print for suppliers, in
one list, so nothing meant for the Trust's eyes only goes out by mistake. Internal notes are not listed
because no supplier document prints them."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _


class SupplierTextPreview(QDialog):
    def __init__(self, texts: list[tuple[str, str]], noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("What the {noun} will tell suppliers").format(noun=noun))
        layout = QVBoxLayout(self)
        intro = QLabel(_("The {noun} will print these texts you wrote, word for word. Your internal notes "
                         "(the specification and think-local notes, the engagement log, the award and "
                         "delivery) are never printed. Check nothing here is meant for the Trust only.").format(
            noun=noun))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self._rows = [(label, text) for label, text in texts]
        self.list = QTextBrowser()
        self.list.setOpenLinks(False)
        self.list.setAccessibleName(_("Texts printed for suppliers"))
        parts = [f"<p><b>{html.escape(label)}</b><br>{html.escape(text).replace(chr(10), '<br>')}</p>"
                 for label, text in self._rows]
        self.list.setHtml("".join(parts) or _("<p>No text of yours will be printed.</p>"))
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("&Go back"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def rows(self) -> list[tuple[str, str]]:
        return list(self._rows)

    def shown_text(self) -> str:
        return self.list.toPlainText()

    @staticmethod
    def ask(parent: QWidget, texts: list[tuple[str, str]], noun: str) -> bool:
        """Show the preview; True when the manager chooses to export."""
        return SupplierTextPreview(texts, noun, parent).exec() == QDialog.DialogCode.Accepted
