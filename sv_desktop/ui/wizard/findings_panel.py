"""The policy findings of the tender as it stands, updated as the manager types.

Each finding shows its severity by icon and word, the message, its source and a link to the step that
fixes it. A text browser rather than a list: long messages and web addresses wrap cleanly at any width,
screen readers read it as text, and Tab moves between the "Go to" links (Enter follows one).
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from .. import icons
from ..labels import SEVERITY_ICONS, SEVERITY_LABELS, SEVERITY_ORDER
from ..style import accent_color

if TYPE_CHECKING:
    from ...model.rules import Finding

ICON_SIZE = 18
INDENT = ICON_SIZE + 4


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(getattr(f, "severity", ""), 9))


def summary_text(findings: list[Finding]) -> str:
    counts = Counter(getattr(f, "severity", "") for f in findings)
    if not findings:
        return "Policy-compliant: nothing to fix or consider."
    parts = []
    for severity in ("blocker", "requirement", "warning", "advice"):
        n = counts.get(severity, 0)
        if n:
            word = SEVERITY_LABELS[severity].lower()
            parts.append(f"{n} {word if n == 1 else word + 's'}")
    verdict = "Not policy-compliant" if counts.get("blocker") else "Policy-compliant"
    return f"{verdict}: {', '.join(parts)}."


def finding_html(finding: Finding, step_titles: dict[str, str]) -> str:
    severity = getattr(finding, "severity", "")
    word = SEVERITY_LABELS.get(severity, severity.capitalize())
    icon = SEVERITY_ICONS.get(severity, "sev-advice")
    details = []
    source = getattr(finding, "source", "")
    if source:
        details.append(f"Source: {escape(str(source))}")
    if getattr(finding, "confidence", "") == "verify":
        details.append("Reported by a secondary source: check it before relying on it.")
    step = getattr(finding, "step", None)
    if step in step_titles:
        details.append(f"<a href='step:{escape(step)}'>Go to: {escape(step_titles[step])}</a>")
    # The icon in a column of its own, so every line of the message and its details starts under the first.
    text = f"<b>{escape(word)}:</b> {escape(str(finding.message))}"
    if details:
        text += "<br>" + "<br>".join(details)
    return (f"<table cellspacing='0' cellpadding='0' style='margin-top:6px; margin-bottom:6px;'><tr>"
            f"<td width='{INDENT}' valign='top'>"
            f"<img src='icon:{icon}' width='{ICON_SIZE}' height='{ICON_SIZE}'></td>"
            f"<td valign='top'>{text}</td></tr></table>")


class FindingsList(QTextBrowser):
    """All findings, most serious first; `step_requested` when a "Go to" link is followed."""

    step_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Policy findings")
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(4)
        self.anchorClicked.connect(self._follow)
        self._rules: list[str] = []

    def set_findings(self, findings: list[Finding], step_titles: dict[str, str]) -> None:
        ordered = sorted_findings(findings)
        self._rules = [getattr(f, "rule", "") for f in ordered]
        document = self.document()
        for name in set(SEVERITY_ICONS.values()):
            image = icons.pixmap(name, ICON_SIZE).toImage()
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"icon:{name}"), image)
        link = accent_color(self.palette()).name()
        style = f"<style>a {{ color: {link}; }}</style>"
        body = "".join(finding_html(f, step_titles) for f in ordered) or "<p>Nothing to show.</p>"
        position = self.verticalScrollBar().value()
        self.setHtml(style + body)
        self.verticalScrollBar().setValue(position)

    def rules(self) -> list[str]:
        """Rule ids shown, in order (for tests and the accessible summary)."""
        return list(self._rules)

    def text(self) -> str:
        return self.toPlainText()

    def _follow(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("step:"):
            self.step_requested.emit(text[len("step:"):])


class FindingsPanel(QWidget):
    """The findings dock's content: a one-line summary over the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.list = FindingsList()
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.step_requested = self.list.step_requested

    def set_findings(self, findings: list[Finding], step_titles: dict[str, str]) -> None:
        self.summary.setText(summary_text(findings))
        self.summary.setAccessibleName(self.summary.text())
        self.list.set_findings(findings, step_titles)
