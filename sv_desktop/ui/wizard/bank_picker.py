"""Pick questions from the Trust's question bank, or KPIs from its library, for the tender's themes.

Entries already in the tender are shown ticked and greyed so nothing is added twice by accident. Questions
that name the tender's service come first; those the bank marks as suiting other services come last.
`choose_questions` / `choose_kpis` are the only entry points the pages use (tests replace them).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.tender import Tender
from ..widgets.scrolling import resize_within_screen

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
FULL_ROLE = Qt.ItemDataRole.UserRole + 2


def _suited_title(question, tender: Tender) -> str:
    """The entry's line: questions for other services say so, after those that suit this one."""
    title = f"{question.title}: {question.text}"
    return _("(For other services) {title}").format(title=title) if question.suits(tender) is False else title


def _suits_detail(question) -> str:
    return _("Suits services: {services}.").format(services=", ".join(question.services)) + "\n\n" \
        if question.services else ""


class BankPicker(QDialog):
    def __init__(self, title: str, intro: str, groups: list[tuple[str, list[tuple[str, str, str, bool]]]],
                 parent: QWidget | None = None) -> None:
        """groups: (heading, [(key, title, detail, already_in_tender), ...])."""
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_within_screen(self, 760, 520)
        layout = QVBoxLayout(self)
        note = QLabel(intro)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(title)
        self.tree.setUniformRowHeights(False)
        for heading, entries in groups:
            top = QTreeWidgetItem([heading])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for key, entry_title, detail, already in entries:
                text = _("{title} (already in this tender)").format(
                    title=entry_title) if already else entry_title
                child = QTreeWidgetItem([text])
                child.setData(0, KEY_ROLE, key)
                child.setData(0, FULL_ROLE, entry_title + (f"\n\n{detail}" if detail else ""))
                child.setToolTip(0, detail)
                child.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, detail)
                flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                child.setFlags(flags if already else flags | Qt.ItemFlag.ItemIsEnabled)
                child.setCheckState(0, Qt.CheckState.Checked if already else Qt.CheckState.Unchecked)
                top.addChild(child)
            if not entries:
                empty = QTreeWidgetItem([_("Nothing in the bank for this theme and category.")])
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                top.addChild(empty)
        self.tree.expandAll()
        layout.addWidget(self.tree, 3)
        # A long entry is cut to one line in the list; the one chosen reads in full underneath.
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(_("The chosen entry in full"))
        self.detail.setMinimumHeight(90)
        layout.addWidget(self.detail, 1)
        self.tree.currentItemChanged.connect(self._show_detail)
        self._show_detail(None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Add ticked"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(_("Add the ticked entries"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show_detail(self, item: QTreeWidgetItem | None, *_args) -> None:
        full = item.data(0, FULL_ROLE) if item is not None else None
        self.detail.setPlainText(full or _("Choose an entry in the list to read it in full here."))

    def items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            children = (top.child(j) for j in range(top.childCount()))
            found.extend(child for child in children if child is not None and child.data(0, KEY_ROLE))
        return found

    def chosen(self) -> list[str]:
        """Keys newly ticked (not those already in the tender)."""
        return [item.data(0, KEY_ROLE) for item in self.items()
                if item.flags() & Qt.ItemFlag.ItemIsEnabled and item.checkState(0) == Qt.CheckState.Checked]

    # ---- entry points

    @staticmethod
    def choose_questions(parent: QWidget, bank, content, tender: Tender) -> list:
        taken = {q.source_id for q in tender.questions if q.source_id}
        groups = []
        for theme in tender.theme_ids:
            entries = [(q.id, _suited_title(q, tender), _suits_detail(q) + q.evaluation_guidance, q.id in taken)
                       for q in bank.questions_for_tender(tender, theme)]
            groups.append((content.theme_label(theme), entries))
        dialog = BankPicker(_("Add questions from the bank"),
                            _("Tick the questions to add to this tender. You can edit each one afterwards; "
                            "the bank itself does not change."), groups, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [bank.question(key) for key in dialog.chosen()]

    @staticmethod
    def choose_kpis(parent: QWidget, bank, content, tender: Tender) -> list:
        taken = {k.source_id for k in tender.kpis if k.source_id}
        groups = []
        for theme in tender.theme_ids:
            entries = [(k.id, f"{k.name} ({k.unit})" if k.unit else k.name,
                        _("Baseline: {baseline}\nTarget: {target}").format(
                            baseline=k.baseline_guidance, target=k.target_guidance), k.id in taken)
                       for k in bank.kpis_for(tender.category, theme)]
            groups.append((content.theme_label(theme), entries))
        dialog = BankPicker(_("Add KPIs from the library"),
                            _("Tick the KPIs to add. Set each KPI's baseline and target for this contract "
                            "afterwards; the library gives guidance on both."), groups, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [bank.kpi(key) for key in dialog.chosen()]
