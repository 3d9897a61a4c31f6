"""Results: weighted marks per question, theme sub-totals, totals and ranks (exact, rounded once for display);
the standstill dates for the tender's regime; the moderation record and the assessment summaries (refused,
with the reason, while they cannot be issued) and the day they were sent; the award to the bidder ranked
first, which records the award and the KPIs; and how long the records are kept."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...model.evaluation import display
from ..parsing import format_date, format_money, parse_money
from ..prompts import replace_file_allowed
from ..widgets.fields import DateField, ValidatedField, add_row
from .scores_tab import documents_folder
from .state import EvaluationState, fill, message_line, read_only_table, show_message, wrapped_label

if TYPE_CHECKING:
    from .dialog import EvaluationDialog


def mark(value: Decimal) -> str:
    return f"{display(value):f}"


def standstill_text(state: EvaluationState) -> str:
    standstill = state.standstill
    if standstill is None:
        return _("Record the award notice date to see the standstill dates.")
    if standstill.regime == "psr":
        return _("Provider Selection Regime: intention to award notified {notice}; representations by midnight "
                 "on {ends}; the contract may be awarded from {award} if none are made (after a review that "
                 "confirms the decision, 5 more working days).").format(
            notice=format_date(standstill.notice_date), ends=format_date(standstill.ends_on),
            award=format_date(standstill.award_from))
    return _("Procurement Act 2023: contract award notice published {notice}; the standstill ends at midnight on "
             "{ends}; the contract may be entered into from {award}.").format(
        notice=format_date(standstill.notice_date), ends=format_date(standstill.ends_on),
        award=format_date(standstill.award_from))


def _button(text: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


class ResultsTab(QWidget):
    def __init__(self, dialog: EvaluationDialog) -> None:
        super().__init__()
        self.dialog = dialog
        layout = QVBoxLayout(self)
        self.problem = wrapped_label()
        layout.addWidget(self.problem)
        self.ranking = read_only_table(_("Totals and ranks"), [])
        self.ranking.setMinimumHeight(110)
        layout.addWidget(self.ranking)
        self.marks = read_only_table(_("Weighted marks per question"), [])
        self.marks.setMinimumHeight(130)
        layout.addWidget(self.marks)
        layout.addWidget(QLabel(_("Marks are weight \u00d7 score \u00f7 scale maximum, added up exactly and "
                                  "shown to two decimal places (rounded half up).")))
        self.message = message_line()
        layout.addWidget(self.message)
        layout.addWidget(self._dates_box())
        layout.addWidget(self._records_box())
        layout.addWidget(self._award_box())
        layout.addStretch(1)

    def _dates_box(self) -> QGroupBox:
        box = QGroupBox(_("Standstill"))
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.notice_date = DateField(_("Award notice date"))
        self.notice_date.edit.setMinimumWidth(110)
        row.addWidget(self.notice_date)
        self.notice_button = _button(_("Record notice date"), self.record_notice)
        row.addWidget(self.notice_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        holder = _wrap(row)
        holder.setFocusProxy(self.notice_date)
        add_row(form, _("A&ward notice date:"), holder,
                _("The contract award notice, or under the Provider Selection Regime the notice of intention to "
                  "award"))
        self.standstill = wrapped_label()
        form.addRow(self.standstill)
        return box

    def _records_box(self) -> QGroupBox:
        box = QGroupBox(_("Records for the bidders"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.moderation_button = _button(_("Write moderation record\u2026"), self.write_moderation_record)
        self.summaries_button = _button(_("Write assessment summaries\u2026"), self.write_summaries)
        row.addWidget(self.moderation_button)
        row.addWidget(self.summaries_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary_problem = wrapped_label()
        layout.addWidget(self.summary_problem)
        sent = QHBoxLayout()
        label = QLabel(_("Summaries sent o&n:"))
        self.sent_on = DateField(_("Summaries sent on"))
        self.sent_on.edit.setMinimumWidth(110)
        label.setBuddy(self.sent_on.edit)
        self.sent_on.edit.setAccessibleName(_("Summaries sent on"))
        self.sent_button = _button(_("Record date sent"), self.record_sent)
        sent.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        sent.addWidget(self.sent_on)
        sent.addWidget(self.sent_button, 0, Qt.AlignmentFlag.AlignTop)
        sent.addStretch(1)
        layout.addLayout(sent)
        self.sent_state = wrapped_label()
        layout.addWidget(self.sent_state)
        return box

    def _award_box(self) -> QGroupBox:
        box = QGroupBox(_("Award"))
        form = QFormLayout(box)
        self.winner = QComboBox()
        add_row(form, _("Ran&ked first:"), self.winner)
        self.value = ValidatedField(parse_money, placeholder=_("for example 1.2m"))
        self.value.show_understood(lambda v: "= " + format_money(v))
        self.value.edit.setMaximumWidth(200)
        add_row(form, _("Contract &value (\u00a3, excl. VAT):"), self.value)
        self.award_button = _button(_("Award to\u2026"), self.award)
        form.addRow(self.award_button)
        self.kept = wrapped_label()
        form.addRow(self.kept)
        return box

    # ---- showing

    def show_state(self, state: EvaluationState) -> None:
        evaluation = state.evaluation
        if evaluation is None:
            return
        self.problem.setText(state.results_problem)
        self.problem.setVisible(bool(state.results_problem))
        themes = [t for t in dict.fromkeys(q.theme for q in evaluation.questions)]
        labels = [self.dialog.service.content.theme_label(t) for t in themes]
        self.ranking.setColumnCount(5 + len(themes))
        self.ranking.setHorizontalHeaderLabels([_("Lot"), _("Rank"), _("Bidder"), *labels, _("Total %"),
                                                _("Disqualified")])
        rows = []
        for result in state.results:
            by_theme = dict(result.theme_totals)
            rows.append(["" if result.lot is None else str(result.lot),
                         "" if result.rank is None else str(result.rank), result.bidder,
                         *[mark(by_theme.get(t, Decimal(0))) for t in themes], mark(result.total),
                         result.disqualified])
        fill(self.ranking, rows)
        self.marks.setColumnCount(3 + len(state.results))
        self.marks.setHorizontalHeaderLabels([_("Question"), _("Theme"), _("Weight %"),
                                              *[r.bidder for r in state.results]])
        marks = []
        for index, question in enumerate(evaluation.questions):
            marks.append([question.reference, self.dialog.service.content.theme_label(question.theme),
                          f"{question.weight_pct:f}",
                          *[_("{score} \u2192 {mark}").format(score=r.questions[index].score, mark=mark(
                              r.questions[index].mark)) if r.questions[index].score is not None else ""
                            for r in state.results]])
        fill(self.marks, marks)
        self.notice_date.set_value(evaluation.award_notice_date)
        self.standstill.setText(standstill_text(state))
        self.summary_problem.setText(state.summary_problem or _("The assessment summaries can be issued."))
        sent = [b.summary_sent_on for b in evaluation.bidders if b.summary_sent_on]
        self.sent_state.setText(ngettext("Sent to {count} bidder, last on {day}.",
                                         "Sent to {count} bidders, last on {day}.", len(sent)).format(
            count=len(sent), day=format_date(max(sent))) if sent else
                                _("No summary has been recorded as sent."))
        first = [r.bidder for r in state.results if r.rank == 1]
        self.winner.clear()
        self.winner.addItems(first)
        awarded = state.tender.award.supplier
        self.award_button.setEnabled(evaluation.status == "complete" and bool(first))
        kept = (_("Records kept until {day} (3 years from the contract date).").format(
            day=format_date(state.kept_until)) if state.kept_until else
                _("The records' retention date follows from the contract date, once awarded."))
        self.kept.setText((_("Awarded to {name}.").format(name=awarded.name) + " " if awarded else "") + kept)

    # ---- changes

    def record_notice(self) -> None:
        if self.notice_date.is_unfinished():
            show_message(self.message, _("The date is not recorded: {problem}").format(
                problem=self.notice_date.problem()))
            return
        day = self.notice_date.value()
        self.dialog.change(lambda ev: setattr(ev, "award_notice_date", day),
                           _("Recorded the award notice date."), self.message)

    def write_moderation_record(self) -> None:
        suggested = documents_folder() / _("{reference} moderation record.pdf").format(
            reference=self.dialog.reference)
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Write the moderation record"), str(suggested),
                                                      _("PDF documents") + " (*.pdf)")
        if chosen:
            path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
            self.moderation_record_to(path, asked=True)

    def moderation_record_to(self, path: Path, asked: bool = False) -> None:
        service = self.dialog.service
        if not replace_file_allowed(self, service, path, asked_already=asked):
            return
        self.dialog.run(lambda: service.export_moderation_record(self.dialog.reference, path),
                        lambda out: show_message(self.message, _("Saved the moderation record as {path}.").format(
                            path=out)), self.message)

    def write_summaries(self) -> None:
        state = self.dialog.state
        if state is not None and state.summary_problem:
            show_message(self.message, state.summary_problem)
            return
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the assessment summaries"),
                                                  str(documents_folder()))
        if folder:
            self.summaries_to(Path(folder))

    def summaries_to(self, folder: Path) -> None:
        service, reference = self.dialog.service, self.dialog.reference

        def work() -> list[Path]:
            return service.write_assessment_summaries(reference, folder)
        for _bidder, *paths in service.assessment_summary_files(reference, folder):
            for path in paths:
                if not replace_file_allowed(self, service, path):
                    return
        self.dialog.run(work, lambda out: show_message(self.message, ngettext(
            "Wrote {count} file in {folder}.", "Wrote {count} files in {folder}.", len(out)).format(
            count=len(out), folder=folder)), self.message)

    def record_sent(self) -> None:
        if self.sent_on.is_unfinished():
            show_message(self.message, _("The date is not recorded: {problem}").format(
                problem=self.sent_on.problem()))
            return
        service, reference, day = self.dialog.service, self.dialog.reference, self.sent_on.value()
        self.dialog.run(lambda: service.record_summaries_sent(reference, day),
                        lambda _ev: self.dialog.after_change(_("Recorded the day the summaries were sent."),
                                                             self.message), self.message)

    def award(self) -> None:
        bidder = self.winner.currentText()
        if not bidder:
            show_message(self.message, _("No bidder is ranked first yet."))
            return
        if self.value.is_unfinished() or self.value.value() is None:
            show_message(self.message, _("The award is not recorded: {problem}").format(
                problem=self.value.problem() or _("Type the contract value.")))
            return
        service, reference, value = self.dialog.service, self.dialog.reference, self.value.value()
        self.dialog.run(lambda: service.award_to(reference, bidder, value),
                        lambda tender: self.dialog.after_change(ngettext(
                            "Awarded to {bidder}; the contract has {count} KPI.",
                            "Awarded to {bidder}; the contract has {count} KPIs.", len(tender.kpis)).format(
                            bidder=bidder, count=len(tender.kpis)), self.message), self.message)


def _wrap(layout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget
