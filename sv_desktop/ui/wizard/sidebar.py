"""The list of steps beside the wizard: where the manager is, and how far each step has got.

The state is given by icon and by word ("Done", "Needs attention"), never by colour alone. Arrow keys
move the selection and switch step at once, as clicking does; Back and Next keep working alongside.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ...i18n import _
from ...model.tender import STEPS
from .. import icons
from .step_state import StepState

STEP_ROLE = Qt.ItemDataRole.UserRole + 1


class StepSidebar(QListWidget):
    step_chosen = Signal(int)
    """The row (page id) the manager picked."""

    def __init__(self, titles: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._quiet = False
        self.setAccessibleName(_("Steps"))
        self.setAccessibleDescription(_("The steps of the wizard with their state; choose one to go to it."))
        self.setIconSize(QSize(20, 20))
        self.setSpacing(2)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setMinimumWidth(200)
        self.setMaximumWidth(230)
        for number, step in enumerate(STEPS, start=1):
            item = QListWidgetItem()
            item.setData(STEP_ROLE, step)
            self.addItem(item)
            self._set(item, number, step, StepState.NOT_STARTED)
        self.currentRowChanged.connect(self._row_changed)

    def _set(self, item: QListWidgetItem, number: int, step: str, state: StepState) -> None:
        title = self._titles[step]
        item.setText(_("{number}. {title}\n{state}").format(number=number, title=title, state=state.label))
        item.setIcon(icons.icon(state.icon))
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     _("Step {number}, {title}: {state}").format(
                         number=number, title=title, state=state.label))
        item.setToolTip(_("{title}: {state}").format(title=title, state=state.label))

    def set_states(self, states: dict[str, StepState]) -> None:
        for row, step in enumerate(STEPS):
            self._set(self.item(row), row + 1, step, states[step])

    def state_text(self, row: int) -> str:
        return self.item(row).text().split("\n", 1)[1]

    def set_current(self, row: int) -> None:
        """Follow the wizard without asking it to move."""
        self._quiet = True
        try:
            self.setCurrentRow(row)
        finally:
            self._quiet = False

    def set_reachable(self, reachable: int) -> None:
        """Only steps up to `reachable` can be chosen (medicines stops at the first)."""
        for row in range(self.count()):
            item = self.item(row)
            flags = item.flags()
            if row <= reachable:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)

    def _row_changed(self, row: int) -> None:
        if not self._quiet and row >= 0:
            self.step_chosen.emit(row)
