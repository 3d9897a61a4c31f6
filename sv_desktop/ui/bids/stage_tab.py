"""The bid window's stage tab: the Bid Lead, the approver and the approval date (P238 §5.2), the stage the bid
is at and the moves it may make. A refused move shows the blockers' sentences beside the buttons; "Won"
asks first and makes the contract in delivery; "Lost" records the commissioner's scores, feedback and
lessons. The bid's documents are written from here too."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.bid import BID_STAGES, BID_TRANSITIONS, Bid, stage_label
from ...services.errors import ServiceError
from .. import icons
from ..prompts import replace_file_allowed
from ..style import error_color, make_heading
from ..widgets.fields import DateField, add_row, text_area
from ..wizard.exporting import safe_file_stem
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...model.tender import Tender
    from .bid_window import BidWindow

MOVES = tuple(stage for stage in BID_STAGES if stage not in ("won", "lost"))


def move_labels() -> dict[str, str]:
    return {"opportunity": _("Back to &opportunity"), "go_no_go": _("To &go/no-go"), "writing": _("To w&riting"),
            "approved": _("&Approve"), "submitted": _("Mark &submitted"), "withdrawn": _("Wit&hdraw")}


def documents() -> dict[str, tuple[str, str, str]]:
    """The bid's documents: kind, (button text, file name without suffix, file types offered)."""
    word, pdf = _("Word document") + " (*.docx)", _("PDF document") + " (*.pdf)"
    return {"response": (_("E&xport response document…"), _("Response document"), f"{word};;{pdf}"),
            "approval": (_("Approval s&ummary…"), _("Approval summary"), pdf)}


class StageTab(QWidget):
    def __init__(self, window: BidWindow) -> None:
        super().__init__()
        self.bid_window = window
        self.service = window.service
        self._loading = False
        layout = QVBoxLayout(self)
        self.stage = make_heading(QLabel(), 2)
        layout.addWidget(self.stage)
        form = QFormLayout()
        self.bid_lead = QLineEdit()
        self.approver = QLineEdit()
        self.approved_on = DateField(_("Approval date"))
        self.notes = text_area(_("Go/no-go decision"), _("Why the Trust bids, or does not"), 80)
        add_row(form, _("Bid &Lead:"), self.bid_lead, _("Who leads the bid (policy section 5.2)"))
        add_row(form, _("Appro&ver:"), self.approver, _("Who approves the commitments before submission"))
        add_row(form, _("Approved o&n:"), self.approved_on)
        add_row(form, _("Go/no-go &decision:"), self.notes)
        layout.addLayout(form)
        moves = QHBoxLayout()
        self.move_buttons: dict[str, QPushButton] = {}
        for stage in MOVES:
            button = QPushButton(move_labels()[stage])
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=stage: self.move_to(s))
            self.move_buttons[stage] = button
            moves.addWidget(button)
        self.won_button = QPushButton(icons.icon("compliant"), _("&Won…"))
        self.lost_button = QPushButton(icons.icon("not-compliant"), _("Los&t…"))
        for button in (self.won_button, self.lost_button):
            button.setAutoDefault(False)
            moves.addWidget(button)
        moves.addStretch(1)
        layout.addLayout(moves)
        self.blockers = QLabel()
        self.blockers.setWordWrap(True)
        self.blockers.setTextFormat(Qt.TextFormat.PlainText)
        self.blockers.setStyleSheet(f"color: {error_color().name()};")
        self.blockers.setAccessibleName(_("Why the bid cannot move"))
        self.blockers.hide()
        layout.addWidget(self.blockers)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.outcome)
        files = QHBoxLayout()
        self.document_buttons: dict[str, QPushButton] = {}
        for kind, (text, _name, _types) in documents().items():
            button = QPushButton(icons.icon("word" if kind == "response" else "pdf"), text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=kind: self.export(k))
            self.document_buttons[kind] = button
            files.addWidget(button)
        files.addStretch(1)
        layout.addLayout(files)
        layout.addStretch(1)
        self.won_button.clicked.connect(self.win)
        self.lost_button.clicked.connect(self.lose)
        for edit in (self.bid_lead, self.approver):
            edit.textEdited.connect(self._edited)
        self.approved_on.edited.connect(self._edited)
        self.notes.textChanged.connect(self._edited)

    # ---- showing

    def load(self, bid: Bid) -> None:
        self._loading = True
        try:
            self.bid_lead.setText(bid.bid_lead)
            self.approver.setText(bid.approver)
            self.approved_on.set_value(bid.approved_on)
            self.notes.setPlainText(bid.go_decision_notes)
        finally:
            self._loading = False
        self.stage.setText(_("Stage: {stage}").format(stage=stage_label(bid.stage)))
        allowed = BID_TRANSITIONS.get(bid.stage, ())
        for stage, button in self.move_buttons.items():
            button.setEnabled(stage in allowed)
        self.won_button.setEnabled("won" in allowed)
        self.lost_button.setEnabled("lost" in allowed)
        outcome = bid.outcome
        if bid.stage == "won":
            self.outcome.setText(_("Won on {date}: the contract {contract} is in delivery with the commitments as its "
                                   "KPIs.").format(date=outcome.decided_on, contract=outcome.contract_reference))
        elif bid.stage == "lost":
            self.outcome.setText(_("Lost on {date}. Score {score} (winner {winner}). Lessons: {lessons}").format(
                date=outcome.decided_on, score=outcome.total_score or _("not given"),
                winner=outcome.winner_score or _("not given"), lessons=outcome.lessons or _("none recorded")))
        else:
            self.outcome.setText("")

    def _edited(self, *_args) -> None:
        if not self._loading:
            self.bid_window.changed()

    def apply(self, bid: Bid) -> str | None:
        bid.bid_lead = self.bid_lead.text()
        bid.approver = self.approver.text()
        bid.approved_on = self.approved_on.value()
        bid.go_decision_notes = self.notes.toPlainText()
        return self.approved_on.problem() or None

    def show_refusal(self, text: str) -> None:
        self.blockers.setText(text)
        self.blockers.setVisible(bool(text))

    # ---- moves

    def _saved_first(self) -> Bid | None:
        """What is on screen, saved: the bid to move (None when it could not be saved)."""
        window = self.bid_window
        window.changed()
        if not window.autosaver.flush():
            self.show_refusal(_("The bid could not be saved first: {error}").format(error=window.autosaver.last_error))
            return None
        return window.bid

    def move_to(self, stage: str) -> None:
        bid = self._saved_first()
        if bid is None:
            return
        self.show_refusal("")
        run_in_background(lambda: self.service.move_bid(bid, stage), self.bid_window.replace, self._refused,
                          context=self)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ServiceError):
            self.show_refusal(_("Not moved:") + "\n" + str(error))
        else:
            self.show_refusal(_("Not moved: {error}").format(error=error))

    def win(self) -> None:
        answer = QMessageBox.question(
            self, _("Record the win?"),
            _("Record that the commissioner chose the Trust? The bid's commitments become the KPIs of a contract in "
              "delivery, and the bid cannot change stage again."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        bid = self._saved_first()
        if bid is None:
            return
        run_in_background(lambda: self.service.win_bid(bid), self._won, self._refused, context=self)

    def _won(self, result: tuple[Bid, Tender]) -> None:
        bid, contract = result
        self.bid_window.replace(bid)
        self.bid_window.contract_made.emit(contract.reference)

    def lose(self) -> QWidget | None:
        from .outcome import LostDialog

        bid = self._saved_first()
        if bid is None:
            return None
        dialog = LostDialog(bid, self)
        dialog.recorded.connect(self._record_loss)
        dialog.show()
        self.lost_dialog = dialog
        return dialog

    def _record_loss(self, outcome, scores) -> None:
        bid = self.bid_window.bid
        run_in_background(lambda: self.service.lose_bid(bid, outcome, scores), self.bid_window.replace, self._refused,
                          context=self)

    # ---- documents

    def export(self, kind: str) -> None:
        """Ask where, then write the response document (Word or PDF) or the approval summary off the UI thread."""
        _text, name, types = documents()[kind]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        first_suffix = ".docx" if kind == "response" else ".pdf"
        suggested = Path(folder) / f"{safe_file_stem(self.bid_window.bid.reference)} {name}{first_suffix}"
        chosen, chosen_type = QFileDialog.getSaveFileName(self, _("Save the bid's document"), str(suggested), types,
                                                          options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        path = Path(chosen)
        suffix = ".pdf" if "*.pdf" in chosen_type or kind == "approval" else ".docx"
        if path.suffix.lower() not in (".docx", ".pdf") or (kind == "approval" and path.suffix.lower() != ".pdf"):
            path = path.with_name(path.name + suffix)
        if not replace_file_allowed(self, self.service, path) or self._saved_first() is None:
            return
        reference = self.bid_window.bid.reference
        service = self.service
        write = service.export_bid_response if kind == "response" else service.export_bid_approval
        run_in_background(lambda: write(reference, path),
                          lambda written: self.bid_window.show_notice(_("Saved {name}.").format(name=Path(written).name)),
                          lambda error: self.bid_window.show_notice(str(error)), context=self)
