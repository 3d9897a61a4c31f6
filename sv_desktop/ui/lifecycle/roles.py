"""The six roles of policy P238 §5 for one tender: who holds each, and that role's responsibilities,
word for word from the policy, ticked off as they are done.

A tick is kept by the responsibility's words. If the Trust rewords its list, a tick on the old words is
not shown but stays stored, so editing the content never silently changes what was recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from ...i18n import N_, _
from ...model.content import RoleInfo
from ...model.tender import ROLES, Tender
from ..labels import role_short_labels
from ..style import make_heading, make_secondary
from ..widgets.checklist import CheckList
from ..widgets.fields import add_row
from ..widgets.scrolling import resize_within_screen
from .dialog_base import TenderDialog

if TYPE_CHECKING:
    from ...services.contract import UiService

MAX_NAME = 500


class RolePage(QWidget):
    changed = Signal()

    def __init__(self, role: RoleInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self._shown_name = ""
        layout = QVBoxLayout(self)
        title = make_heading(QLabel(role.label), level=2)
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(_("Name of the person who holds this role for this tender"))
        add_row(form, _("&Name:"), self.name, _("Who is the {label} for this tender").format(
            label=role.label))
        layout.addLayout(form)
        where = _("Policy P238 §{section}").format(section=role.section)
        if role.note:
            where = _("{where} ({note})").format(where=where, note=role.note)
        heading = make_secondary(QLabel(_("Responsibilities ({where}). Tick each one when it is done for "
                                          "this tender.").format(where=where)))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.checklist = CheckList()
        self.checklist.set_items((str(i), text, "") for i, text in enumerate(role.responsibilities))
        self.checklist.setAccessibleName(_("Responsibilities of the {label}").format(label=role.label))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the boxes; the area follows the focus
        holder = QWidget()  # the boxes stay together at the top, however tall the dialog is
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.checklist)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        scroll.viewport().setAutoFillBackground(False)  # the tab page's own background, not a grey band
        holder.setAutoFillBackground(False)
        layout.addWidget(scroll, 1)
        self.progress = make_secondary(QLabel())
        layout.addWidget(self.progress)
        self.name.textEdited.connect(self._edited)
        self.checklist.toggled.connect(self._edited)
        self._update()

    def load(self, name: str, ticked: list[str]) -> None:
        self.name.setText(name)
        self.name.setCursorPosition(0)
        self._shown_name = self.name.text()  # what the field holds (a name over its limit is cut on screen)
        wanted = set(ticked)
        self.checklist.set_checked(str(i) for i, text in enumerate(self.role.responsibilities) if text in wanted)
        self._update()

    def name_edited(self) -> bool:
        """The manager changed the name; an untouched name is never rewritten (nor cut to the field's limit)."""
        return self.name.isModified() or self.name.text() != self._shown_name

    def ticked(self) -> list[str]:
        return [self.role.responsibilities[int(i)] for i in self.checklist.checked()]

    def count(self) -> tuple[int, int]:
        return len(self.checklist.checked()), len(self.role.responsibilities)

    def _edited(self, *_args) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        done, total = self.count()
        self.progress.setText(_("{done} of {total} responsibilities ticked.").format(done=done, total=total))


class RolesEditor(QTabWidget):
    """One tab per role, its title showing how much is ticked."""

    changed = Signal()

    def __init__(self, roles: dict[str, RoleInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Roles and responsibilities"))
        self.setUsesScrollButtons(False)  # every role's tab stays in view
        self.pages: dict[str, RolePage] = {}
        for role_id in ROLES:
            page = RolePage(roles[role_id])
            page.changed.connect(self._page_changed)
            self.pages[role_id] = page
            self.addTab(page, "")
        self._titles()

    def load(self, tender: Tender) -> None:
        for role_id, page in self.pages.items():
            page.load(tender.leads.get(role_id, ""), tender.role_checklists.get(role_id, []))
        self._titles()

    def apply(self, tender: Tender) -> None:
        """Names and ticks into `tender`, keeping ticks on wording the content no longer has."""
        for role_id, page in self.pages.items():
            # Kept exactly as typed, as the wizard keeps it; a name left alone is not rewritten at all.
            if page.name_edited():
                if page.name.text().strip():
                    tender.leads[role_id] = page.name.text()
                else:
                    tender.leads.pop(role_id, None)
            known = set(page.role.responsibilities)
            kept = [item for item in tender.role_checklists.get(role_id, []) if item not in known]
            ticked = page.ticked() + kept
            if ticked:
                tender.role_checklists[role_id] = ticked
            else:
                tender.role_checklists.pop(role_id, None)

    def _page_changed(self) -> None:
        self._titles()
        self.changed.emit()

    def _titles(self) -> None:
        for index, (role_id, page) in enumerate(self.pages.items()):
            done, total = page.count()
            self.setTabText(index, _("{role} ({done}/{total})").format(
                role=role_short_labels().get(role_id, page.role.label), done=done, total=total))
            self.setTabToolTip(index, _("{label}: {done} of {total} responsibilities ticked").format(
                label=page.role.label, done=done, total=total))


class RolesDialog(TenderDialog):
    noun = N_("names and ticks")

    def __init__(self, service: UiService, tender: Tender, parent: QWidget | None = None) -> None:
        super().__init__(service, tender, _("Roles and checklists"),
                         _("Name the person in each role of the Trust's policy (section 5) and tick each "
                         "responsibility as it is done for this tender."), parent)
        self.editor = RolesEditor(dict(service.content.roles))
        self.editor.load(self.tender)
        self.editor.changed.connect(self.mark_dirty)
        self.body.addWidget(self.editor)
        resize_within_screen(self, 1040, 660)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply(self, tender: Tender) -> str | None:
        self.editor.apply(tender)
        return None

    def show_tender(self, tender: Tender) -> None:
        self.editor.load(tender)
