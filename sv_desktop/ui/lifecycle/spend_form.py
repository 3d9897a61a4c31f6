"""Actual spend per financial year (1 April to 31 March), as finance records it: for each year the contract
runs in, an optional amount that replaces the compliance report's pro-rata estimate for that year.

The years offered follow the contract's start (the award date when the tender's details hold no start date)
and its duration. A figure stored for a year the contract no longer runs in (its duration was shortened) is
still shown, marked, so it can be cleared; it is never dropped unseen. A half-typed amount is never stored:
the field says what to put right and the tender keeps the figure it had.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...i18n import _, ngettext
from ...model.lifecycle import ActualSpend
from ...model.spend import contract_start, estimated_between, financial_year_of
from ...model.tender import Tender, add_months
from ..parsing import format_date, format_money
from ..style import make_secondary
from ..widgets.fields import ValidatedField
from .award_form import money_field

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ContractYear:
    """One financial year and the days of it the contract runs in."""

    year: int
    first: dt.date
    last: dt.date


def year_label(year: int) -> str:
    """2026 -> '2026/27', as the NHS writes a financial year."""
    return f"{year}/{(year + 1) % 100:02d}"


def contract_years(tender: Tender) -> list[ContractYear]:
    """The financial years the contract runs in, each with the contract's first and last day inside it;
    none when the contract has no start (nor award date) or no duration."""
    start = contract_start(tender)
    if start is None or tender.duration_months < 1:
        return []
    end = add_months(start, tender.duration_months) - DAY
    years = []
    for year in range(financial_year_of(start), financial_year_of(end) + 1):
        years.append(ContractYear(year, max(start, dt.date(year, 4, 1)), min(end, dt.date(year + 1, 3, 31))))
    return years


class _YearRow:
    """The label and amount field of one financial year."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.label = QLabel()
        self.field = money_field(_("Not recorded"))
        self.field.edit.setMaximumWidth(180)
        self.note = make_secondary(QLabel())
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setContentsMargins(8, 0, 0, 0)
        self.field.edit.setMinimumWidth(120)
        self.field.row.insertWidget(1, self.note, 1)  # beside the amount; wraps rather than squeeze it
        self.field.row.setStretchFactor(self.field.edit, 0)  # the note takes the room left
        self.field.row.setAlignment(self.field.edit, Qt.AlignmentFlag.AlignLeft)  # also with no note beside it

    def show_year(self, span: ContractYear | None, estimate: Decimal | None, key: bool) -> None:
        """`key`: Alt and the year's last digit moves to the field (while no other year shown ends in it)."""
        name = year_label(self.year)
        shown = f"{name[:-1]}&{name[-1]}" if key else name
        # A label with a buddy has a key, as everywhere (Qt takes None for no buddy; its stubs do not say so).
        self.label.setBuddy(self.field.edit if key else None)  # type: ignore[arg-type]
        if span is None:
            self.label.setText(_("{year} (outside the contract):").format(year=shown))
            self.field.edit.setAccessibleName(
                _("Actual spend in {year}, outside the contract's dates (£)").format(year=name))
            note = _("The contract does not run in this year now: clear the figure unless it is right.")
        else:
            if span.first != dt.date(self.year, 4, 1):
                text = _("{year} (from {date}):").format(year=shown, date=format_date(span.first))
            elif span.last != dt.date(self.year + 1, 3, 31):
                text = _("{year} (to {date}):").format(year=shown, date=format_date(span.last))
            else:
                text = _("{year}:").format(year=shown)
            self.label.setText(text)
            self.field.edit.setAccessibleName(_("Actual spend in {year} (£)").format(year=name))
            note = "" if estimate is None else _("Estimate if empty: {amount}").format(
                amount=format_money(estimate.quantize(Decimal(1))))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.field.edit.setToolTip(note)

    def has_entry(self) -> bool:
        """Something is recorded or typed: the row stays even when the year is not in the contract."""
        return bool(self.field.text().strip()) or self.field.value() is not None


class ActualSpendForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.rows: dict[int, _YearRow] = {}
        outer = QVBoxLayout(self)
        self.intro = QLabel(_("Enter what was actually paid under the contract in each financial year "
                              "(1 April to 31 March), in pounds excluding VAT, as finance records it. "
                              "Years left empty are estimated pro rata from the contract value."))
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        self.term = make_secondary(QLabel())
        self.term.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.term)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        outer.addStretch(1)

    # ---- filling and reading

    def load(self, tender: Tender) -> None:
        """Show the contract's years and every figure stored, afresh (opening, Reload)."""
        self._loading = True
        try:
            for year in list(self.rows):
                self._remove(year)
            stored = {entry.financial_year: entry.amount_gbp for entry in tender.award.actual_spend}
            self._sync(tender, set(stored))
            for year, amount in stored.items():
                self.rows[year].field.set_value(amount)
        finally:
            self._loading = False

    def follow(self, tender: Tender) -> None:
        """The award changed (its date may move the contract's start, its value the estimates): offer the
        years the contract runs in now, keeping every row with a figure typed or stored."""
        self._sync(tender, {year for year, row in self.rows.items() if row.has_entry()})

    def apply(self, tender: Tender) -> None:
        """The figures into `tender`; an amount that cannot be read keeps the figure held before the edit."""
        tender.award.actual_spend = [ActualSpend(year, row.field.value()) for year, row in sorted(self.rows.items())
                                     if row.field.value() is not None]

    def problem(self) -> str | None:
        for year, row in sorted(self.rows.items()):
            if not row.field.is_valid():
                return _("The actual spend for {year} is not saved yet: {problem}").format(
                    year=year_label(year), problem=row.field.problem())
        return None

    def fields(self) -> list[ValidatedField]:
        return [row.field for _year, row in sorted(self.rows.items())]

    def recorded(self) -> tuple[int, int]:
        """(years with a figure, years of the contract) for the tab's label."""
        return (sum(1 for row in self.rows.values() if row.field.value() is not None),
                len(self.rows))

    # ---- rows

    def _sync(self, tender: Tender, keep: set[int]) -> None:
        spans = {span.year: span for span in contract_years(tender)}
        wanted = sorted(set(spans) | keep)
        for year in [y for y in self.rows if y not in wanted]:
            self._remove(year)
        digits: set[int] = set()
        for index, year in enumerate(wanted):
            key = (year + 1) % 10 not in digits
            digits.add((year + 1) % 10)
            if year not in self.rows:
                self._add(index, year)
            span = spans.get(year)
            estimate = None
            if span is not None and tender.award.awarded_value_gbp is not None:
                estimate = estimated_between(tender, span.first, span.last)
            self.rows[year].show_year(span, estimate, key)
        self._show_term(tender, spans)
        self._order_keyboard()

    def _add(self, index: int, year: int) -> None:
        row = _YearRow(year)
        self.form.insertRow(index, row.label, row.field)
        row.field.edited.connect(self._edited)
        self.rows[year] = row

    def _remove(self, year: int) -> None:
        row = self.rows.pop(year)
        self.form.removeRow(row.field)

    def _order_keyboard(self) -> None:
        """Tab goes through the years in order, after whatever comes before this form: a row made after the
        window was built would otherwise join the end of the window's Tab order, after Close."""
        previous = self._focusable_before()
        if previous is None:  # not in a window yet: the rows are in the order they were made, the years' order
            return
        for year in sorted(self.rows):
            QWidget.setTabOrder(previous, self.rows[year].field.edit)
            previous = self.rows[year].field.edit

    def _focusable_before(self) -> QWidget | None:
        """The last control Tab reaches before this form (Qt orders only controls that take the focus)."""
        widget = self.previousInFocusChain()
        while widget is not None and widget is not self:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not self.isAncestorOf(widget):
                return widget
            widget = widget.previousInFocusChain()
        return None

    def _show_term(self, tender: Tender, spans: dict[int, ContractYear]) -> None:
        if not spans:
            text = _("Record the award date here, or the contract start date and duration in the tender's "
                     "details, to enter spend for each financial year.")
        else:
            first, last = min(spans.values(), key=lambda s: s.year), max(spans.values(), key=lambda s: s.year)
            text = ngettext("The contract runs from {start} to {end}: {count} financial year.",
                            "The contract runs from {start} to {end}: {count} financial years.",
                            len(spans)).format(start=format_date(first.first), end=format_date(last.last),
                                               count=len(spans))
            if not tender.award.is_awarded or tender.award.awarded_value_gbp is None:
                text += " " + _("The report counts this contract's spend once the award date and awarded "
                                "value are recorded.")
        self.term.setText(text)

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()
