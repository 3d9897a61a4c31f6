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

from ...i18n import _, ngettext
from .. import icons
from ..labels import SEVERITY_ICONS, SEVERITY_ORDER, severity_labels
from ..style import accent_color
from .attention import short_message

if TYPE_CHECKING:
    from ...model.rules import Finding

ICON_SIZE = 18
INDENT = ICON_SIZE + 4


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(getattr(f, "severity", ""), 9))


def summary_text(findings: list[Finding], new: bool = False) -> str:
    """One line over the findings. A new tender has not failed anything yet: it has things still to do."""
    counts = Counter(getattr(f, "severity", "") for f in findings)
    if not findings:
        return _("Policy-compliant: nothing to fix or consider.")
    blockers = counts.get("blocker", 0)
    if new and blockers:
        rest = len(findings) - blockers
        to_do = ngettext("New tender: {n} thing still to do before it is policy-compliant",
                         "New tender: {n} things still to do before it is policy-compliant", blockers).format(n=blockers)
        if rest:
            to_do += ngettext(" (and {n} point to consider)", " (and {n} points to consider)", rest).format(n=rest)
        return _("{to_do}. Each step shows its own.").format(to_do=to_do)
    counted = {
        "blocker": lambda n: ngettext("{n} blocker", "{n} blockers", n),
        "requirement": lambda n: ngettext("{n} requirement", "{n} requirements", n),
        "warning": lambda n: ngettext("{n} warning", "{n} warnings", n),
        "advice": lambda n: ngettext("{n} advice", "{n} advices", n),
    }
    parts = [counted[severity](counts[severity]).format(n=counts[severity])
             for severity in counted if counts.get(severity, 0)]
    verdict = _("Not policy-compliant") if blockers else _("Policy-compliant")
    return _("{verdict}: {counts}.").format(verdict=verdict, counts=", ".join(parts))


def finding_html(finding: Finding, step_titles: dict[str, str], concise: bool = False,
                 expanded: bool = False, index: int = 0) -> str:
    """A finding as a row of the list. Concise: its message, shortened, with its source and "Go to" link
    behind a "More" link; expanded (or not concise): the whole message, the source and the link."""
    severity = getattr(finding, "severity", "")
    word = severity_labels().get(severity, severity.capitalize())
    icon = SEVERITY_ICONS.get(severity, "sev-advice")
    details = []
    source = getattr(finding, "source", "")
    if source:
        details.append(_("Source: {source}").format(source=escape(str(source))))
    if getattr(finding, "confidence", "") == "verify":
        details.append(_("Reported by a secondary source: check it before relying on it."))
    step = getattr(finding, "step", None)
    if step in step_titles:
        details.append(_("<a href='step:{step}'>Go to: {title}</a>").format(
            step=escape(step), title=escape(step_titles[step])))
    message = str(finding.message)
    if concise and not expanded:
        short = short_message(message)
        text = f"<b>{escape(word)}:</b> {escape(short)}"
        if details or short != " ".join(message.split()):
            text += " " + _("<a href='more:{index}'>More</a>").format(index=index)
        details = []
    else:
        text = f"<b>{escape(word)}:</b> {escape(message)}"
        if concise:
            details.append(_("<a href='less:{index}'>Less</a>").format(index=index))
    # The icon in a column of its own, so every line of the message and its details starts under the first.
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
        self.setAccessibleName(_("Policy findings"))
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(4)
        self.anchorClicked.connect(self._follow)
        self._rules: list[str] = []
        self._shown: tuple[list[Finding], dict[str, str]] = ([], {})
        self.concise = False
        self._expanded: set[str] = set()

    def set_concise(self, concise: bool) -> None:
        """Short findings (message only; source and link behind "More") or every detail."""
        self.concise = concise
        self._expanded.clear()
        self.set_findings(*self._shown)

    def set_findings(self, findings: list[Finding], step_titles: dict[str, str]) -> None:
        self._shown = (list(findings), step_titles)
        ordered = sorted_findings(findings)
        self._rules = [getattr(f, "rule", "") for f in ordered]
        document = self.document()
        for name in set(SEVERITY_ICONS.values()):
            image = icons.pixmap(name, ICON_SIZE).toImage()
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"icon:{name}"), image)
        link = accent_color(self.palette()).name()
        style = f"<style>a {{ color: {link}; }}</style>"
        body = "".join(finding_html(f, step_titles, self.concise, self._key(f) in self._expanded, i)
                       for i, f in enumerate(ordered)) or _("<p>Nothing to show.</p>")
        position = self.verticalScrollBar().value()
        self.setHtml(style + body)
        self.verticalScrollBar().setValue(position)

    @staticmethod
    def _key(finding: Finding) -> str:
        return f"{getattr(finding, 'rule', '')}|{getattr(finding, 'step', '')}|{finding.message}"

    def rules(self) -> list[str]:
        """Rule ids shown, in order (for tests and the accessible summary)."""
        return list(self._rules)

    def text(self) -> str:
        return self.toPlainText()

    def _follow(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("step:"):
            self.step_requested.emit(text[len("step:"):])
        elif text.startswith(("more:", "less:")):
            ordered = sorted_findings(self._shown[0])
            index = int(text[5:])
            if 0 <= index < len(ordered):
                key = self._key(ordered[index])
                self._expanded.add(key) if text.startswith("more:") else self._expanded.discard(key)
                self.set_findings(*self._shown)


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

    def set_findings(self, findings: list[Finding], step_titles: dict[str, str], new: bool = False) -> None:
        self.summary.setText(summary_text(findings, new))
        self.summary.setAccessibleName(self.summary.text())
        self.list.set_findings(findings, step_titles)
