"""Before a pack or brief is written: every text the manager wrote that it will print for suppliers, in
one list, so nothing meant for the Trust's eyes only goes out by mistake. Internal notes are not listed
because no supplier document prints them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

PREVIEW_LIMIT = 600
"""Characters of each text shown in its row; the whole text is in the row's tooltip."""


class SupplierTextPreview(QDialog):
    def __init__(self, texts: list[tuple[str, str]], noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"What the {noun} will tell suppliers")
        layout = QVBoxLayout(self)
        intro = QLabel(f"The {noun} will print these texts you wrote, word for word. Your internal notes (the "
                       "specification and think-local notes, the engagement log, the award and delivery) are "
                       "never printed. Check nothing here is meant for the Trust only.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setColumnCount(2)
        self.list.setHeaderLabels(["Where it comes from", "Text printed for suppliers"])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Texts printed for suppliers")
        for label, text in texts:
            shown = " ".join(text.split())
            if len(shown) > PREVIEW_LIMIT:
                shown = shown[:PREVIEW_LIMIT].rstrip() + "\u2026"
            item = QTreeWidgetItem([label, shown])
            item.setToolTip(1, text[:5000])
            self.list.addTopLevelItem(item)
        if not texts:
            self.list.addTopLevelItem(QTreeWidgetItem(["", "No text of yours will be printed."]))
        self.list.setColumnWidth(0, 260)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Go back")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.list.topLevelItem(i).text(0), self.list.topLevelItem(i).text(1))
                for i in range(self.list.topLevelItemCount())]

    @staticmethod
    def ask(parent: QWidget, texts: list[tuple[str, str]], noun: str) -> bool:
        """Show the preview; True when the manager chooses to export."""
        return SupplierTextPreview(texts, noun, parent).exec() == QDialog.DialogCode.Accepted
