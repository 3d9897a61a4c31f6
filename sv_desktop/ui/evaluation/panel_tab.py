"""The bidders and the evaluation panel of one tender, and the start of the evaluation (the questions frozen
as the pack issued them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.evaluation import Bidder, Evaluation, PanelMember
from ..parsing import format_date, format_number, parse_whole
from ..widgets.fields import DateField, ValidatedField, add_row
from .state import EvaluationState, fill, message_line, read_only_table, show_message, wrapped_label

if TYPE_CHECKING:
    from .dialog import EvaluationDialog


def parse_lot(text: str) -> int | None:
    return None if not text.strip() else parse_whole(text, 1, 99, _("the lot number"), "1")


def yes(flag: bool) -> str:
    return _("Yes") if flag else ""


def _buttons(*labels: str) -> tuple[QHBoxLayout, list[QPushButton]]:
    row = QHBoxLayout()
    buttons = [QPushButton(label) for label in labels]
    for button in buttons:
        button.setAutoDefault(False)
        row.addWidget(button)
    row.addStretch(1)
    return row, buttons


class PanelTab(QWidget):
    def __init__(self, dialog: EvaluationDialog) -> None:
        super().__init__()
        self.dialog = dialog
        layout = QVBoxLayout(self)
        self.frozen = wrapped_label()
        layout.addWidget(self.frozen)
        self.start_button = QPushButton(_("Start evaluation"))
        self.start_button.setAutoDefault(False)
        self.start_button.setToolTip(_("Freeze the questions as the pack issued them and open scoring"))
        self.start_button.clicked.connect(self.start)
        layout.addWidget(self.start_button)
        self.message = message_line()
        layout.addWidget(self.message)
        layout.addWidget(self._bidders_box())
        layout.addWidget(self._panel_box())
        layout.addStretch(1)

    # ---- construction

    def _bidders_box(self) -> QGroupBox:
        box = QGroupBox(_("Bidders"))
        layout = QVBoxLayout(box)
        self.bidders = read_only_table(_("Bidders"), [_("Name"), _("Lot"), _("Identifier"), _("Postcode"),
                                                     _("SME"), _("VCSE"), _("Address")])
        self.bidders.setMinimumHeight(110)
        self.bidders.itemSelectionChanged.connect(self._bidder_picked)
        layout.addWidget(self.bidders)
        form = QFormLayout()
        self.bidder_name, self.address, self.identifier, self.postcode = (QLineEdit() for _i in range(4))
        add_row(form, _("&Name:"), self.bidder_name)
        add_row(form, _("Addr&ess:"), self.address)
        add_row(form, _("&Identifier:"), self.identifier,
                _("Companies House, charity or other registration number"))
        add_row(form, _("&Postcode:"), self.postcode)
        flags = QHBoxLayout()
        self.sme, self.vcse = QCheckBox(_("&SME")), QCheckBox(_("&VCSE"))
        self.sme.setAccessibleName(_("Small or medium-sized enterprise"))
        self.vcse.setAccessibleName(_("Voluntary, community or social enterprise"))
        flags.addWidget(self.sme)
        flags.addWidget(self.vcse)
        flags.addStretch(1)
        form.addRow(_("Size and type:"), flags)
        self.lot = ValidatedField(parse_lot, placeholder=_("none"))
        self.lot.set_narrow()
        add_row(form, _("&Lot:"), self.lot, _("The lot the bid is for; empty when the tender has no lots"))
        layout.addLayout(form)
        row, (self.add_bidder, self.save_bidder, self.remove_bidder) = _buttons(
            _("Add bidder"), _("Save bidder"), _("Remove bidder"))
        self.add_bidder.clicked.connect(lambda: self._put_bidder(None))
        self.save_bidder.clicked.connect(lambda: self._put_bidder(self._selected(self.bidders)))
        self.remove_bidder.clicked.connect(lambda: self._remove("bidder", self.bidders))
        layout.addLayout(row)
        return box

    def _panel_box(self) -> QGroupBox:
        box = QGroupBox(_("Evaluation panel"))
        layout = QVBoxLayout(box)
        self.members = read_only_table(_("Evaluation panel"), [_("Name"), _("Role"), _("Conflict of interest "
                                                               "declared"), _("Relevant experience")])
        self.members.setMinimumHeight(100)
        self.members.itemSelectionChanged.connect(self._member_picked)
        layout.addWidget(self.members)
        form = QFormLayout()
        self.member_name, self.role, self.experience = QLineEdit(), QLineEdit(), QLineEdit()
        add_row(form, _("Na&me:"), self.member_name)
        add_row(form, _("&Role:"), self.role)
        self.declared = DateField(_("Conflict of interest declared on"))
        add_row(form, _("&Conflict of interest declared on:"), self.declared,
                _("The day the member signed the conflict of interest declaration"))
        add_row(form, _("E&xperience:"), self.experience)
        layout.addLayout(form)
        row, (self.add_member, self.save_member, self.remove_member) = _buttons(
            _("Add member"), _("Save member"), _("Remove member"))
        self.add_member.clicked.connect(lambda: self._put_member(None))
        self.save_member.clicked.connect(lambda: self._put_member(self._selected(self.members)))
        self.remove_member.clicked.connect(lambda: self._remove("member", self.members))
        layout.addLayout(row)
        return box

    # ---- showing

    def show_state(self, state: EvaluationState) -> None:
        evaluation = state.evaluation
        self.start_button.setVisible(evaluation is None)
        for widget in self.findChildren(QGroupBox):
            widget.setEnabled(evaluation is not None)
        if evaluation is None:
            self.frozen.setText(_("The evaluation has not started. Starting it freezes the questions as the pack "
                                  "issued them, so every score refers to the question bidders answered."))
            return
        self.frozen.setText(_("Questions frozen as issued in pack version {version}: {count} questions, social "
                              "value weight {weight}%. Status: {status}.").format(
            version=evaluation.pack_version, count=len(evaluation.questions),
            weight=format_number(evaluation.social_value_weight_pct), status=status_text(evaluation.status)))
        fill(self.bidders, [[b.name, "" if b.lot is None else str(b.lot), b.identifier, b.postcode, yes(b.sme),
                             yes(b.vcse), b.address] for b in evaluation.bidders])
        fill(self.members, [[m.name, m.role, format_date(m.conflict_declared_on), m.experience]
                            for m in evaluation.panel])

    def _selected(self, table) -> str | None:
        row = table.currentRow()
        item = table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _bidder_picked(self) -> None:
        name = self._selected(self.bidders)
        evaluation = self.dialog.state.evaluation if self.dialog.state else None
        if name is None or evaluation is None:
            return
        bidder = evaluation.bidder(name)
        self.bidder_name.setText(bidder.name)
        self.address.setText(bidder.address)
        self.identifier.setText(bidder.identifier)
        self.postcode.setText(bidder.postcode)
        self.sme.setChecked(bidder.sme)
        self.vcse.setChecked(bidder.vcse)
        self.lot.set_value(bidder.lot)

    def _member_picked(self) -> None:
        name = self._selected(self.members)
        evaluation = self.dialog.state.evaluation if self.dialog.state else None
        if name is None or evaluation is None:
            return
        member = next(m for m in evaluation.panel if m.name == name)
        self.member_name.setText(member.name)
        self.role.setText(member.role)
        self.declared.set_value(member.conflict_declared_on)
        self.experience.setText(member.experience)

    # ---- changes

    def start(self) -> None:
        self.dialog.run(lambda: self.dialog.service.start_evaluation(self.dialog.reference),
                        lambda _ev: self.dialog.after_change(_("The evaluation has started: the questions are "
                                                               "frozen as issued."), self.message), self.message)

    def _put_bidder(self, original: str | None) -> None:
        if self.lot.is_unfinished():
            show_message(self.message, _("The bidder is not saved: {problem}").format(problem=self.lot.problem()))
            return
        bidder = Bidder(" ".join(self.bidder_name.text().split()), self.address.text().strip(),
                        self.identifier.text().strip(), self.postcode.text().strip().upper(), self.sme.isChecked(),
                        self.vcse.isChecked(), self.lot.value())
        self.dialog.change(lambda evaluation: evaluation.put_bidder(original, bidder), _("Saved the bidder {name}.").format(name=bidder.name),
                           self.message)

    def _put_member(self, original: str | None) -> None:
        if self.declared.is_unfinished():
            show_message(self.message, _("The panel member is not saved: {problem}").format(
                problem=self.declared.problem()))
            return
        member = PanelMember(" ".join(self.member_name.text().split()), self.role.text().strip(),
                             self.declared.value(), self.experience.text().strip())
        self.dialog.change(lambda evaluation: evaluation.put_member(original, member), _("Saved the panel member {name}.").format(
            name=member.name), self.message)

    def _remove(self, kind: str, table) -> None:
        name = self._selected(table)
        if name is None:
            show_message(self.message, _("Choose a row in the list first."))
            return
        def change(evaluation: Evaluation) -> None:
            if kind == "bidder":
                evaluation.remove_bidder(name)
            else:
                evaluation.remove_member(name)

        self.dialog.change(change, _("Removed {name}.").format(name=name), self.message)


def status_text(status: str) -> str:
    return {"scoring": _("individual scoring"), "moderation": _("moderation open"),
            "complete": _("moderation closed")}.get(status, status)

