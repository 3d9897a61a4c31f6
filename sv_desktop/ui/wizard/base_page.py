"""What every wizard page shares: its title and "why", the blockers it fixes, a scrolling body, and the
load / apply contract that keeps widgets and the tender apart.

A page never saves. It fills its widgets from the tender (`load`), writes its valid values back into the
tender (`apply`) and emits `changed` whenever the manager edits something; the wizard applies, autosaves
and re-checks. Because `apply` only writes values that passed their checks, a wrong entry never replaces
a good one, while the widget keeps what was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...i18n import _
from ...model.tender import Tender
from ..style import make_heading
from ..widgets.fields import ValidatedField
from ..widgets.reflow import Reflow
from .attention import AttentionBanner
from .page_ids import PageId

if TYPE_CHECKING:
    from ...model.rules import Finding
    from ...services.contract import UiService


class WizardPage(QWidget):
    """Base of the seven pages; subclasses set `page_id` and implement build / fill / apply."""

    page_id: ClassVar[PageId]
    changed = Signal()
    """The manager edited something on this page."""
    complete_changed = Signal()
    """Whether the manager may go on (Next) has changed."""

    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.content = service.content
        self.tender: Tender | None = None
        self._loading = False
        info = self.content.steps[self.step_id]
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 4)
        outer.setSpacing(6)
        self.title_label = make_heading(QLabel(info.title))
        self.why_label = QLabel(info.why)
        self.why_label.setWordWrap(True)
        self.why_label.setTextFormat(Qt.TextFormat.PlainText)
        self.attention = AttentionBanner()
        outer.addWidget(self.title_label)
        outer.addWidget(self.why_label)
        outer.addWidget(self.attention)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Scrolls both ways: on a narrow window or at 125-150% scaling the content keeps its smallest
        # readable width and a horizontal scroll bar reaches what does not fit, rather than cutting it off.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 6, 4, 6)
        self.body_layout.setSpacing(10)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        self.build(self.body_layout)
        self.reflow = Reflow(self.scroll_area.viewport(), body)  # side-by-side columns stack when narrow

    # ---- identity

    @property
    def step_id(self) -> str:
        return self.page_id.step

    @property
    def title(self) -> str:
        return self.content.steps[self.step_id].title

    @property
    def help_paragraphs(self) -> tuple[str, ...]:
        """The step's help, one paragraph each (the content holds them separated by a blank line)."""
        return tuple(p.strip() for p in self.content.steps[self.step_id].help.split("\n\n") if p.strip())

    # ---- to implement

    def build(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def fill(self, tender: Tender) -> None:
        raise NotImplementedError

    def apply(self, tender: Tender) -> None:
        raise NotImplementedError

    # ---- shared behaviour

    def load(self, tender: Tender) -> None:
        """Show the tender; widget signals during loading are not edits."""
        self.tender = tender
        self._loading = True
        try:
            self.fill(tender)
        finally:
            self._loading = False

    def enter(self, tender: Tender) -> None:
        """The page is being shown: reload it unless it holds entries still to be corrected."""
        if not self.problems():
            self.load(tender)

    def edited(self, *_args) -> None:
        """Connect every input's change signal here: the page's valid values go into the tender at once."""
        if self._loading or self.tender is None:
            return
        self.apply(self.tender)
        self.changed.emit()

    def is_complete(self) -> bool:
        return True

    def fields(self) -> list[ValidatedField]:
        return self.findChildren(ValidatedField)

    def problems(self) -> list[str]:
        """Messages of the fields that hold an entry which could not be saved."""
        problems = []
        for field in self.fields():
            if not field.is_valid() and not field.isHidden():
                problems.append(_("{field}: {problem}").format(
                    field=field.edit.accessibleName() or _("A field"), problem=field.problem()))
        return problems

    def show_findings(self, findings: list[Finding]) -> None:
        """All current findings; the banner shows the blockers this step fixes."""
        self.attention.set_findings(
            f for f in findings if getattr(f, "severity", "") == "blocker" and getattr(f, "step", None) == self.step_id)
