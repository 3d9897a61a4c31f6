"""The F1 help panel: the policy's own guidance for the step on screen, with its section numbers."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from ...i18n import _


class HelpPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName(_("Help for this step"))
        self.document().setDocumentMargin(8)

    def show_step(self, title: str, paragraphs: tuple[str, ...], sections: tuple[str, ...]) -> None:
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        where = ""
        if sections:
            where = _("<p><i>From policy P238: {sections}.</i></p>").format(
                sections=escape(", ".join(sections)))
        self.setHtml(f"<h3>{escape(title)}</h3>{body}{where}")
