"""The pre-market engagement log (policy P238 §4.1): each event, when it was held, the suppliers met there
(name, postcode, SME, VCSE) and notes; and a summary that goes into the think-local step's notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from ...i18n import N_, _, ngettext
from ...model.engagement import engagement_counts, think_local_note
from ...model.lifecycle import EngagementEvent, Supplier
from ...model.tender import Tender
from .. import icons
from ..parsing import format_date, parse_postcode
from ..style import make_secondary
from ..widgets.fields import DateField, ValidatedField, add_row, supplier_text_area, text_area
from ..widgets.record_editor import RecordEditor
from ..widgets.scrolling import resize_within_screen
from .award_form import tidy_postcode
from .dialog_base import TenderDialog

if TYPE_CHECKING:
    from ...services.contract import UiService

MAX_TEXT = 100_000


class EventEditor(RecordEditor):
    columns = (N_("Held on"), N_("Event"), N_("Suppliers met"))
    noun = N_("event")
    plural = N_("events")
    limit_key = "engagement"
    pad_form = True
    wrap_rows = QFormLayout.RowWrapPolicy.DontWrapRows

    def stretch_column(self) -> int:
        return 1

    def add_buttons(self, row: QHBoxLayout) -> None:
        self.add_button = QPushButton(icons.icon("add"), _("Add an e&vent"))
        self.add_button.setAccessibleName(_("Add an engagement event"))
        self.add_button.clicked.connect(lambda: self.add(EngagementEvent(title=_("New engagement event"))))
        row.addWidget(self.add_button)

    def build_form(self, form: QFormLayout) -> None:
        self.title = QLineEdit()
        self.title.setMaxLength(1000)
        self.title.textEdited.connect(self.form_edited)
        add_row(form, _("&Event:"), self.title, _("For example: market day, supplier meeting, questionnaire"))
        self.held_on = DateField(_("Date held"))
        self.held_on.edited.connect(self.form_edited)
        add_row(form, _("&Held on:"), self.held_on)
        self.notes = text_area(_("Notes"), _("What was learned: interest, barriers to bidding, ideas"), 120)
        self.notes.textChanged.connect(self._notes_changed)
        add_row(form, _("N&otes:"), self.notes)

    def _notes_changed(self) -> None:
        self.form_edited()

    def cells(self, event: EngagementEvent) -> tuple[str, ...]:
        return (format_date(event.held_on), event.title, str(len(event.suppliers)))

    def show_record(self, event: EngagementEvent) -> None:
        self.title.setText(event.title)
        self.held_on.set_value(event.held_on)
        self.notes.setPlainText(event.notes)

    def store_record(self, event: EngagementEvent) -> None:
        if self.title.text().strip():
            event.title = self.title.text()
        event.held_on = self.held_on.value()
        event.notes = self.notes.toPlainText()[:MAX_TEXT]

    def empty_text(self) -> str:
        return _("No engagement events yet. Add the market events, meetings and questionnaires held.")


class SupplierEditor(RecordEditor):
    columns = (N_("Supplier"), N_("Postcode"), N_("Local"), N_("SME"), N_("VCSE"))
    noun = N_("supplier")
    plural = N_("suppliers")
    limit_key = "engagement[].suppliers"
    wrap_rows = QFormLayout.RowWrapPolicy.DontWrapRows

    def __init__(self, is_local, parent: QWidget | None = None) -> None:
        self.is_local = is_local
        super().__init__(parent)
        # Not the events' own Alt+M / Alt+U: both editors are on screen together.
        self.remove_button.setText(_("Remove su&pplier"))
        self.undo_button.setText(_("Undo remove supp&lier"))
        self.table.setAccessibleName(_("Suppliers met at the selected event"))

    def stretch_column(self) -> int:
        return 0

    def add_buttons(self, row: QHBoxLayout) -> None:
        self.add_button = QPushButton(icons.icon("add"), _("Add a supplier me&t"))
        self.add_button.setAccessibleName(_("Add a supplier met at this event"))
        self.add_button.clicked.connect(lambda: self.add(Supplier(name=_("New supplier"))))
        row.addWidget(self.add_button)

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit()
        self.name.setMaxLength(500)
        self.name.textEdited.connect(self.form_edited)
        add_row(form, _("Supplier &name:"), self.name)
        self.postcode = ValidatedField(parse_postcode, placeholder=_("For example LE1 7RH"))
        self.postcode.edit.setMaxLength(20)
        self.postcode.edited.connect(self.form_edited)
        self.postcode.edit.editingFinished.connect(self._tidy_postcode)
        add_row(form, _("Post&code:"), self.postcode, _("Decides whether the supplier is local"))
        self.local_note = make_secondary(QLabel())
        form.addRow("", self.local_note)
        self.sme = QCheckBox(_("SME (&fewer than 250 staff and turnover under €50m)"))
        self.sme.toggled.connect(self.form_edited)
        form.addRow("", self.sme)
        self.vcse = QCheckBox(_("VCSE (voluntary, community or social enterp&rise)"))
        self.vcse.toggled.connect(self.form_edited)
        form.addRow("", self.vcse)

    def _tidy_postcode(self) -> None:
        """Show the postcode as it is stored (capitals, single spaces)."""
        tidy = tidy_postcode(self.postcode.text())
        if tidy != self.postcode.text() and self.postcode.is_valid():
            self.postcode.edit.setText(tidy)

    def _local(self, postcode: str) -> bool:
        return bool(postcode.strip()) and self.is_local(postcode)

    def cells(self, supplier: Supplier) -> tuple[str, ...]:
        yes = {True: _("Yes"), False: _("No")}
        return (supplier.name, supplier.postcode, yes[self._local(supplier.postcode)], yes[supplier.sme],
                yes[supplier.vcse])

    def show_record(self, supplier: Supplier) -> None:
        self.name.setText(supplier.name)
        self.postcode.set_value(supplier.postcode)
        self.sme.setChecked(supplier.sme)
        self.vcse.setChecked(supplier.vcse)
        self._show_local(supplier.postcode)

    def store_record(self, supplier: Supplier) -> None:
        if self.name.text().strip():
            supplier.name = self.name.text()
        supplier.postcode = self.postcode.value()
        supplier.sme = self.sme.isChecked()
        supplier.vcse = self.vcse.isChecked()
        self._show_local(supplier.postcode)

    def _show_local(self, postcode: str) -> None:
        if not self.postcode.is_valid():
            self.local_note.setText(_("Enter a UK postcode to see whether the supplier is local."))
        elif not postcode.strip():
            self.local_note.setText(_("Enter the postcode to see whether the supplier is local."))
        else:
            self.local_note.setText(_("Local: in one of the Trust's local postcode areas.") if self._local(postcode)
                                    else _("Not local: outside the Trust's local postcode areas."))

    def empty_text(self) -> str:
        return _("No suppliers recorded for this event.")


class EngagementDialog(TenderDialog):
    noun = N_("engagement notes")

    def __init__(self, service: UiService, tender: Tender, parent: QWidget | None = None) -> None:
        super().__init__(service, tender, _("Pre-market engagement"),
                         _("Record each engagement event and the suppliers met. The summary feeds the "
                         "think-local step: local suppliers, SMEs and VCSEs that could bid."), parent)
        self.is_local = service.is_local_postcode
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.events = EventEditor()
        self.suppliers = SupplierEditor(self.is_local)
        splitter.addWidget(self.events)
        splitter.addWidget(self.suppliers)
        self.body.addWidget(splitter, 1)
        summary_row = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.to_think_local = QPushButton(icons.icon("add"), _("Add to the thin&k-local notes"))
        self.to_think_local.setAccessibleName(_("Add this summary to the think-local step's notes"))
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.to_think_local)
        self.body.addLayout(summary_row)
        told = QFormLayout()
        told.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.supplier_text = supplier_text_area(
            _("What we tell suppliers about pre-market engagement"),
            _("Printed in the pre-market brief. The events, notes and suppliers above are internal and never "
            "printed; do not name the suppliers met here."))
        self.supplier_text.setMaximumHeight(90)
        self.supplier_text.setPlainText(self.tender.supplier_text.engagement)
        self.supplier_text.textChanged.connect(self._supplier_text_changed)
        add_row(told, _("&What we tell suppliers about our engagement (printed in the brief):"), self.supplier_text)
        self.body.addLayout(told)

        self.events.set_records(self.tender.engagement)
        self.events.changed.connect(self._events_changed)
        self.events.table.currentCellChanged.connect(self._event_selected)
        self.suppliers.changed.connect(self._suppliers_changed)
        self.to_think_local.clicked.connect(self.add_to_think_local)
        self._event_selected()
        resize_within_screen(self, 980, 720)

    def _supplier_text_changed(self) -> None:
        self.tender.supplier_text.engagement = self.supplier_text.toPlainText()[:MAX_TEXT]
        self.mark_dirty()

    def _event_selected(self, *_args) -> None:
        """Show the suppliers of the selected event (left alone when they are already shown)."""
        event = self.events.current()
        if event is None or event.suppliers is not self.suppliers.records:
            self.suppliers.set_records(event.suppliers if event is not None else [])
        self.suppliers.setEnabled(event is not None)
        self._update_summary()

    def _events_changed(self) -> None:
        self.mark_dirty()
        self._event_selected()  # an event may have been added or removed

    def _suppliers_changed(self) -> None:
        self.mark_dirty()
        self.events.refresh()  # the event's "suppliers met" count
        self._update_summary()

    def _update_summary(self) -> None:
        counts = engagement_counts(self.tender.engagement, self.is_local)
        self.summary.setText(_("{events}; {suppliers} met: {local} local, {sme}, {vcse}.").format(
            events=ngettext("{n} event", "{n} events", counts.events).format(n=counts.events),
            suppliers=ngettext("{n} supplier", "{n} suppliers", counts.suppliers).format(n=counts.suppliers),
            local=counts.local, sme=ngettext("{n} SME", "{n} SMEs", counts.sme).format(n=counts.sme),
            vcse=ngettext("{n} VCSE", "{n} VCSEs", counts.vcse).format(n=counts.vcse)))
        self.to_think_local.setEnabled(bool(self.tender.engagement))

    def add_to_think_local(self) -> None:
        note = think_local_note(self.tender.engagement, self.is_local)
        notes = self.tender.think_local.notes.rstrip()
        self.tender.think_local.notes = f"{notes}\n\n{note}" if notes else note
        self.mark_dirty()
        self.show_notice(self.status.text() or _("Added to the think-local notes."))

    def apply(self, tender: Tender) -> str | None:
        # The editors change the tender's own lists as the manager types; a date that could not be read
        # is the one thing still only on screen (the event keeps the date it had).
        if self.events.current() is not None and not self.events.held_on.is_valid():
            return _("The date the event was held is not saved yet: {problem}").format(
                problem=self.events.held_on.problem())
        if self.suppliers.current() is not None and not self.suppliers.postcode.is_valid():
            return _("The supplier's postcode is not saved yet: {problem}").format(
                problem=self.suppliers.postcode.problem())
        return None

    def show_tender(self, tender: Tender) -> None:
        self.events.set_records(tender.engagement)
        self._event_selected()
