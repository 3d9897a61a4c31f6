"""The commitment library (Trust-wide, P238 §5.2 and toolkit Appendix Three): what the Trust can promise in
its bids, each commitment with its theme, Charter commitment, beneficiaries, measure, dates, owner, cost,
approval, evidence and the owner's capacity. Each change is saved a moment after typing pauses, off the UI
thread."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.commitment import EVIDENCE_KINDS, Commitment, EvidenceLink
from ...model.tender import THEMES
from ...model.typed_values import NumberError, read_number
from .. import icons
from ..parsing import FieldError, format_money, format_number, parse_money
from ..style import make_secondary
from ..widgets.fields import DateField, ValidatedField, add_row, text_area
from ..widgets.scrolling import fit_to_screen, scrolling
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...services.contract import UiService

SAVE_DELAY_MS = 500


def parse_amount(text: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = read_number(text, _("an amount"), "4")
    except NumberError as exc:
        raise FieldError(str(exc)) from None
    if value < 0:
        raise FieldError(_("Enter 0 or more, for example 4."))
    return value


def evidence_text(links: list[EvidenceLink]) -> str:
    return "\n".join(f"{link.tender_reference} | {link.kind} | {link.title}" for link in links)


def read_evidence(text: str) -> list[EvidenceLink]:
    """One link a line: contract reference | kpi_result or case_study | title."""
    links = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if parts and parts[0]:
            kind = parts[1] if len(parts) > 1 and parts[1] in EVIDENCE_KINDS else "kpi_result"
            links.append(EvidenceLink(parts[0], kind, parts[2] if len(parts) > 2 else ""))
    return links


def new_id(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:40] or "commitment"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class CommitmentLibrary(QDialog):
    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.service = service
        self.commitments: list[Commitment] = []
        self._loading = False
        self._saving: set[str] = set()
        self._pending: Commitment | None = None
        """The commitment last edited and not saved yet."""
        self.setWindowTitle(_("Commitment library"))
        self.setWindowIcon(icons.icon("app"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("What the Trust can promise in its bids. Commissioners credit specific, measurable, local "
                         "commitments with a baseline, a target, an owner and evidence."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(_("Commitments"))
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(icons.icon("add"), _("&Add"))
        self.add_button.setAccessibleName(_("Add a commitment"))
        self.remove_button = QPushButton(icons.icon("remove"), _("Re&move"))
        self.remove_button.setAccessibleName(_("Remove the selected commitment"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        left.addLayout(buttons)
        body.addLayout(left, 1)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.title = QLineEdit()
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(service.content.theme_label(theme), theme)
        self.charter = QComboBox()
        self.charter.addItem(_("None"), "")
        for key, statement in service.bid_content().charter.items():
            self.charter.addItem(statement.title, key)
        self.beneficiary = QLineEdit()
        self.quantity = ValidatedField(parse_amount, fmt=format_number)
        self.quantity.set_narrow()
        self.unit = QLineEdit()
        self.baseline = QLineEdit()
        self.target = QLineEdit()
        self.start = DateField(_("Start date"))
        self.end = DateField(_("End date"))
        self.owner = QLineEdit()
        self.cost = ValidatedField(lambda t: parse_money(t) if t.strip() else None, fmt=format_number)
        self.cost.show_understood(lambda v: "= " + format_money(v))
        self.approved_by = QLineEdit()
        self.approved_on = DateField(_("Approval date"))
        self.capacity = ValidatedField(parse_amount, fmt=format_number)
        self.capacity.set_narrow()
        self.evidence = text_area(_("Evidence"), _("One a line: contract reference | kpi_result or case_study | title"),
                                  80)
        self.notes = text_area(_("Notes"), "", 60)
        for text, widget, tip in (
                (_("&Title:"), self.title, ""), (_("T&heme:"), self.theme, ""),
                (_("&Charter commitment:"), self.charter, ""),
                (_("&Beneficiaries:"), self.beneficiary, _("Who benefits, and where")),
                (_("&Quantity:"), self.quantity, _("How much each contract gets")), (_("&Unit:"), self.unit, ""),
                (_("Base&line:"), self.baseline, ""), (_("Tar&get:"), self.target, ""),
                (_("&Starts:"), self.start, ""), (_("&Ends:"), self.end, ""), (_("&Owner:"), self.owner, ""),
                (_("Cost (&£):"), self.cost, ""), (_("Approved b&y:"), self.approved_by, ""),
                (_("Approve&d on:"), self.approved_on, ""),
                (_("Ca&pacity:"), self.capacity, _("How many units the owner can give across all live bids and "
                                                   "contracts")),
                (_("E&vidence:"), self.evidence, ""), (_("&Notes:"), self.notes, "")):
            add_row(form, text, widget, tip)
        self.form_widget = form_widget
        body.addWidget(scrolling(form_widget), 2)
        layout.addLayout(body, 1)
        self.status = make_secondary(QLabel())
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.setAccessibleName(_("Close (everything typed is saved)"))
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_current)
        self.list.currentRowChanged.connect(self._chosen)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        for edit in (self.title, self.beneficiary, self.unit, self.baseline, self.target, self.owner,
                     self.approved_by):
            edit.textEdited.connect(self._edited)
        for field in (self.quantity, self.start, self.end, self.cost, self.approved_on, self.capacity):
            field.edited.connect(self._edited)
        for combo in (self.theme, self.charter):
            combo.currentIndexChanged.connect(self._edited)
        for area in (self.evidence, self.notes):
            area.textChanged.connect(self._edited)
        self._chosen(-1)
        self.resize(1100, 700)
        run_in_background(service.list_commitments, self.show_commitments,
                          lambda error: self.status.setText(str(error)), context=self)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        fit_to_screen(self)
        super().showEvent(event)

    # ---- the list

    def show_commitments(self, commitments: list[Commitment], select: str = "") -> None:
        self.commitments = list(commitments)
        self._loading = True
        try:
            self.list.clear()
            for commitment in self.commitments:
                self.list.addItem(commitment.title)
        finally:
            self._loading = False
        ids = [c.id for c in self.commitments]
        self.list.setCurrentRow(ids.index(select) if select in ids else (0 if ids else -1))
        self._chosen(self.list.currentRow())

    def current(self) -> Commitment | None:
        row = self.list.currentRow()
        return self.commitments[row] if 0 <= row < len(self.commitments) else None

    def _chosen(self, _row: int) -> None:
        if self._loading:
            return
        self.flush()
        commitment = self.current()
        self.form_widget.setEnabled(commitment is not None)
        self.remove_button.setEnabled(commitment is not None)
        c = commitment or Commitment(id="", title="")
        self._loading = True
        try:
            self.title.setText(c.title)
            self.theme.setCurrentIndex(max(0, self.theme.findData(c.theme)))
            self.charter.setCurrentIndex(max(0, self.charter.findData(c.charter_commitment)))
            for edit, value in ((self.beneficiary, c.beneficiary), (self.unit, c.unit), (self.baseline, c.baseline),
                                (self.target, c.target), (self.owner, c.owner), (self.approved_by, c.approved_by)):
                edit.setText(value)
            for field, stored in ((self.quantity, c.quantity), (self.start, c.start_date), (self.end, c.end_date),
                                  (self.cost, c.cost_gbp), (self.approved_on, c.approved_on),
                                  (self.capacity, c.capacity)):
                field.set_value(stored)
            self.evidence.setPlainText(evidence_text(c.evidence))
            self.notes.setPlainText(c.notes)
        finally:
            self._loading = False

    def add(self) -> None:
        self.flush()
        title = _("New commitment")
        commitment = Commitment(id=new_id(title, {c.id for c in self.commitments}), title=title)
        self.commitments.append(commitment)
        self._loading = True
        self.list.addItem(commitment.title)
        self._loading = False
        self.list.setCurrentRow(len(self.commitments) - 1)
        self._pending = commitment
        self.timer.start()
        self.title.setFocus()
        self.title.selectAll()

    def remove(self) -> None:
        commitment = self.current()
        if commitment is None:
            return
        self.timer.stop()
        self._pending = None
        row = self.list.currentRow()
        del self.commitments[row]
        self._loading = True
        self.list.takeItem(row)
        self._loading = False
        if commitment.version:
            run_in_background(lambda: self.service.delete_commitment(commitment.id),
                              lambda _none: self.status.setText(_("Removed {title}.").format(title=commitment.title)),
                              lambda error: self.status.setText(str(error)), context=self)
        self._chosen(self.list.currentRow())

    # ---- saving

    def _edited(self, *_args) -> None:
        commitment = self.current()
        if self._loading or commitment is None:
            return
        c = commitment
        c.title = self.title.text()
        c.theme = self.theme.currentData()
        c.charter_commitment = self.charter.currentData() or ""
        c.beneficiary, c.unit, c.baseline = self.beneficiary.text(), self.unit.text(), self.baseline.text()
        c.target, c.owner, c.approved_by = self.target.text(), self.owner.text(), self.approved_by.text()
        c.quantity, c.start_date, c.end_date = self.quantity.value(), self.start.value(), self.end.value()
        c.cost_gbp, c.approved_on, c.capacity = self.cost.value(), self.approved_on.value(), self.capacity.value()
        c.evidence = read_evidence(self.evidence.toPlainText())
        c.notes = self.notes.toPlainText()
        item = self.list.currentItem()
        if item is not None:
            item.setText(c.title)
        self._pending = c
        self.status.setText(_("Saving…"))
        self.timer.start()

    def save_current(self) -> None:
        commitment = self._pending
        if commitment is None:
            return
        if commitment.id in self._saving:
            self.timer.start()  # saved again once the save on its way is back
            return
        self._saving.add(commitment.id)
        self._pending = None
        snapshot = copy.deepcopy(commitment)
        def saved(stored: Commitment) -> None:
            self._saved(commitment, stored)

        def failed(error: Exception) -> None:
            self._not_saved(commitment, error)

        run_in_background(lambda: self.service.save_commitment(snapshot), saved, failed, context=self)

    def _saved(self, commitment: Commitment, stored: Commitment) -> None:
        self._saving.discard(commitment.id)
        commitment.version = stored.version
        commitment.updated_at = stored.updated_at
        self.status.setText(_("Saved {title}.").format(title=stored.title))

    def _not_saved(self, commitment: Commitment, error: Exception) -> None:
        self._saving.discard(commitment.id)
        self.status.setText(_("Not saved: {error}").format(error=error))

    def flush(self) -> None:
        """Save now what is waiting (choosing another commitment, closing)."""
        if self.timer.isActive():
            self.timer.stop()
            commitment, self._pending = self._pending, None
            if commitment is not None and commitment.id not in self._saving:
                try:
                    stored = self.service.save_commitment(copy.deepcopy(commitment))
                except Exception as exc:  # noqa: BLE001 - shown in the status line
                    self._not_saved(commitment, exc)
                else:
                    self._saved(commitment, stored)

    def done(self, result: int) -> None:
        self.flush()
        from ..worker import wait_for_all

        wait_for_all(10_000)
        super().done(result)
