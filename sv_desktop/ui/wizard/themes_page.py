"""Step 4, Choose themes: the four themes of the social value model, with the category's guide beside them.

Fighting climate change is always chosen (policy 1.1.1, SV-CLIMATE): its box is ticked, cannot be
unticked, and says why. The guide's example actions are ticked word for word; the manager's own actions
are kept apart so the pack can tell the toolkit's wording from the Trust's.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import N_, _
from ...model.tender import MANDATORY_THEME, THEMES, Tender, ThemeChoice
from .. import icons
from ..style import make_heading, make_secondary
from ..widgets.checklist import CheckList
from ..widgets.reflow import mark_reflow
from .base_page import WizardPage
from .page_ids import PageId

OTHER_GUIDE_HINT = N_("Chosen from the guide of another category.")


class ThemeGuideTab(QWidget):
    """One theme's guide for the tender's category, its example actions and the manager's own."""

    def __init__(self, page: ThemesPage, theme_id: str) -> None:
        super().__init__()
        self.page = page
        self.theme_id = theme_id
        label = page.content.theme_label(theme_id)
        layout = QVBoxLayout(self)
        self.why_title = make_heading(QLabel(), level=2)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.not_chosen = make_secondary(QLabel(_("Tick {label} on the left to pick actions for it.").format(
            label=label)))
        layout.addWidget(self.why_title)
        layout.addWidget(self.why)
        layout.addWidget(self.not_chosen)
        layout.addWidget(make_heading(QLabel(_("Example actions for suppliers")), level=2))
        self.examples = CheckList()
        self.examples.setAccessibleName(_("Example actions for {label}").format(label=label))
        layout.addWidget(self.examples)
        layout.addWidget(make_heading(QLabel(_("Your own actions")), level=2))
        self.own = QListWidget()
        self.own.setAccessibleName(_("Your own actions for {label}").format(label=label))
        self.own.setMaximumHeight(96)
        layout.addWidget(self.own)
        row = QHBoxLayout()
        self.new_action = QLineEdit()
        self.new_action.setMaxLength(100_000)
        self.new_action.setPlaceholderText(_("Write an action for suppliers, then press Add"))
        self.new_action.setAccessibleName(_("New action for {label}").format(label=label))
        self.add_button = QPushButton(icons.icon("add"), _("&Add action"))
        self.add_button.setAccessibleName(_("Add the action to {label}").format(label=label))
        self.remove_button = QPushButton(icons.icon("remove"), _("Re&move action"))
        self.remove_button.setAccessibleName(_("Remove the selected action from {label}").format(label=label))
        row.addWidget(self.new_action, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.examples.toggled.connect(page.edited)
        self.add_button.clicked.connect(self.add_own)
        self.new_action.returnPressed.connect(self.add_own)
        self.remove_button.clicked.connect(self.remove_own)
        self.new_action.textChanged.connect(self._update_buttons)
        self.own.currentRowChanged.connect(self._update_buttons)

    def show_guide(self, category: str, choice: ThemeChoice | None) -> None:
        guide = self.page.content.categories.get(category)
        theme_guide = guide.themes.get(self.theme_id) if guide else None
        self.why_title.setText(_("Why it fits {label}").format(
            label=guide.label) if guide else _("Why it fits"))
        self.why_title.setAccessibleName(self.why_title.text())
        self.why.setText(theme_guide.why_it_fits if theme_guide else "")
        examples = list(theme_guide.examples) if theme_guide else []
        chosen = list(choice.actions) if choice else []
        items = [(text, text, "") for text in examples]
        items += [(text, text, _(OTHER_GUIDE_HINT)) for text in chosen if text not in examples]
        self.examples.set_items(items)
        self.examples.set_checked(chosen)
        self.own.clear()
        for text in choice.own_actions if choice else []:
            self.own.addItem(text)
        self.set_chosen(choice is not None)
        self._order_tabbing()

    def _order_tabbing(self) -> None:
        """Rebuilt check boxes join the end of the focus chain; put them back where they are seen."""
        chain = [self.page.tabs.tabBar(), *(box.box for box in self.examples.boxes.values()),
                 self.own, self.new_action, self.add_button, self.remove_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def set_chosen(self, chosen: bool) -> None:
        self.not_chosen.setVisible(not chosen)
        for widget in (self.examples, self.own, self.new_action):
            widget.setEnabled(chosen)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        enabled = self.examples.isEnabled()
        self.add_button.setEnabled(enabled and bool(self.new_action.text().strip()))
        self.remove_button.setEnabled(enabled and self.own.currentRow() >= 0)

    def add_own(self) -> None:
        text = self.new_action.text().strip()
        if not text or not self.examples.isEnabled():
            return
        self.own.addItem(text)
        self.new_action.clear()
        self.page.edited()

    def remove_own(self) -> None:
        row = self.own.currentRow()
        if row >= 0:
            self.own.takeItem(row)
            self.page.edited()

    def own_actions(self) -> list[str]:
        return [self.own.item(i).text() for i in range(self.own.count())]


class ThemesPage(WizardPage):
    page_id = PageId.THEMES

    def build(self, layout: QVBoxLayout) -> None:
        self._set_aside: dict[str, ThemeChoice] = {}
        columns = mark_reflow(QHBoxLayout())  # stacks on a narrow or scaled screen
        columns.setSpacing(16)
        choices = QGroupBox(_("Themes for this tender"))
        choices_layout = QVBoxLayout(choices)
        self.boxes: dict[str, QCheckBox] = {}
        mnemonic = {"fighting_climate_change": "", "wellbeing": "&", "equal_opportunity": "&",
                    "tackling_economic_inequality": "&"}
        for theme_id in THEMES:
            info = self.content.themes[theme_id]
            box = QCheckBox(mnemonic[theme_id] + info.label.replace("&", "&&"))
            box.setAccessibleName(info.label)
            choices_layout.addWidget(box)
            self.boxes[theme_id] = box
            if info.mandatory:
                box.setChecked(True)
                box.setEnabled(False)
                reason = make_secondary(QLabel(_("Always included: {mandatory_reason}").format(
                    mandatory_reason=info.mandatory_reason)))
                reason.setContentsMargins(24, 0, 0, 6)
                reason.setTextFormat(Qt.TextFormat.PlainText)
                box.setAccessibleDescription(reason.text())
                choices_layout.addWidget(reason)
            else:
                areas = "; ".join(info.nhs_priority_areas[:3])
                if areas:
                    hint = make_secondary(QLabel(_("NHS priorities: {areas}.").format(areas=areas)))
                    hint.setContentsMargins(24, 0, 0, 6)
                    hint.setTextFormat(Qt.TextFormat.PlainText)
                    box.setAccessibleDescription(hint.text())
                    choices_layout.addWidget(hint)
                box.toggled.connect(lambda on, t=theme_id: self._theme_toggled(t, on))
        choices_layout.addStretch(1)
        columns.addWidget(choices, 1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Category guide by theme"))
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.tabBar().setAccessibleName(_("Category guide for each theme"))
        self.guides: dict[str, ThemeGuideTab] = {}
        for theme_id in THEMES:
            tab = ThemeGuideTab(self, theme_id)
            self.guides[theme_id] = tab
            index = self.tabs.addTab(tab, self.content.theme_label(theme_id))
            self.tabs.setTabToolTip(index, self.content.theme_label(theme_id))
        columns.addWidget(self.tabs, 2)
        layout.addLayout(columns, 1)

    def _theme_toggled(self, theme_id: str, on: bool) -> None:
        if self._loading:
            return
        self.guides[theme_id].set_chosen(on)
        if on:
            self.tabs.setCurrentWidget(self.guides[theme_id])
        self.edited()

    def fill(self, tender: Tender) -> None:
        chosen = set(tender.theme_ids) | {MANDATORY_THEME}
        for theme_id, box in self.boxes.items():
            box.setChecked(theme_id in chosen)
            self.guides[theme_id].show_guide(tender.category, tender.theme(theme_id)
                                             or (ThemeChoice(theme_id) if theme_id == MANDATORY_THEME else None))

    def apply(self, tender: Tender) -> None:
        by_theme = {c.theme: c for c in tender.themes}
        themes: list[ThemeChoice] = []
        for theme_id in THEMES:
            if not self.boxes[theme_id].isChecked():
                if theme_id in by_theme:
                    self._set_aside[theme_id] = by_theme[theme_id]
                continue
            choice = by_theme.get(theme_id) or self._set_aside.pop(theme_id, None) or ThemeChoice(
                theme_id, weighting_pct=Decimal(0))
            tab = self.guides[theme_id]
            known = set(tab.examples.boxes)
            choice.actions = [a for a in choice.actions if a not in known] + tab.examples.checked()
            choice.own_actions = tab.own_actions()
            themes.append(choice)
        tender.themes = themes
