"""The line above each page's fields that says what is still to do on this step.

It always takes the same height, whether there is nothing, one thing or ten things to do, so the fields
below never move as the manager fixes them (a click aimed at a field lands on it). Each message is kept
short; the full texts are in its tooltip, its accessible name and the findings panel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ...i18n import _, ngettext
from .. import icons

SHORT_LIMIT = 140
LINES = 2


ABBREVIATIONS = ("excl.", "incl.", "e.g.", "i.e.", "approx.", "etc.", "no.", "vs.", "ltd.", "co.", "s.", "para.")
"""Words ending in a full stop that do not end a sentence ("Average annual value excl. VAT ...")."""


def first_sentence(text: str) -> str:
    for match in re.finditer(r"[.!?](?=\s+[A-Z(\"'‘“£0-9])", text):
        end = match.end()
        word = text[:end].rsplit(" ", 1)[-1].lower()
        if not word.endswith(ABBREVIATIONS) and not re.fullmatch(r"[a-z]\.", word):
            return text[:end]
    return text


def short_message(message: str, limit: int = SHORT_LIMIT) -> str:
    """The first sentence of a finding, cut at a word and marked with "…" if still longer than `limit`."""
    text = " ".join(str(message).split())
    first = first_sentence(text)
    if len(first) <= limit:
        return first if first == text or first.endswith((".", "!", "?")) else first + "…"
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


class AttentionBanner(QFrame):
    """What this step must still fix (its blockers), in a space of fixed height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.messages: list[str] = []
        height = self.fontMetrics().lineSpacing() * LINES + 8 + 2 * self.frameWidth() + 2
        self.setFixedHeight(height)
        self.set_findings(())

    def set_findings(self, findings: Iterable[object]) -> None:
        self.messages = [str(getattr(f, "message", f)) for f in findings]
        if not self.messages:
            self.icon.setPixmap(icons.pixmap("step-done", 16))
            self.label.setText(_("Nothing on this step stops the tender being policy-compliant."))
            self.setToolTip("")
            self.setAccessibleName(_("Nothing to fix on this step"))
            return
        count = len(self.messages)
        first = short_message(self.messages[0])
        self.icon.setPixmap(icons.pixmap("sev-blocker", 16))
        self.label.setText(ngettext("To do on this step: {first} (and {n} more: see Findings)",
                                    "To do on this step: {first} (and {n} more: see Findings)", count - 1).format(
            first=first, n=count - 1) if count > 1 else _("To do on this step: {first}").format(first=first))
        self.setToolTip("\n\n".join(self.messages))
        self.setAccessibleName(_("To fix on this step: {messages}").format(messages=" ".join(self.messages)))
