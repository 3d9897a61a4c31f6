"""Typing key by key into every validated field of the lifecycle dialogs never stores a prefix of an
unfinished entry: what the real SQLite file holds afterwards is what the whole text says, or the value
from before the edit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QMessageBox

from sv_desktop.model.lifecycle import CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.ui.lifecycle.delivery import DeliveryDialog
from sv_desktop.ui.lifecycle.engagement import EngagementDialog
from sv_desktop.ui.parsing import FieldError
from sv_desktop.ui.widgets.fields import ValidatedField

from .conftest import contract, settle_dialog

TYPED = st.one_of(
    st.sampled_from(["2.5 million", "1,2OO,000", "1.2m", "250k", "1,20,000", "1.2.3", "31/02/2026", "01/10/2026",
                     "15/09/2026", "2026-10-01", "1 Oct 2026", "30/09/2026", "12/10/2026", "13/10/2026",
                     "LE1 7RH", "le1 7r", "LEE 7RH", "nn4 8aa", "SW1A 1AA"]),
    st.text(alphabet="0123456789,./- kmO", min_size=1, max_size=11),
)

DELIVERY = {
    "award date": (lambda d: d.award.awarded_on, lambda t: t.award.awarded_on),
    "award value": (lambda d: d.award.value, lambda t: t.award.awarded_value_gbp),
    "award postcode": (lambda d: d.award.postcode, lambda t: t.award.supplier.postcode),
    "period start": (lambda d: d.results.period_start, lambda t: t.kpi_results[0].period_start),
    "period end": (lambda d: d.results.period_end, lambda t: t.kpi_results[0].period_end),
    "reported on": (lambda d: d.results.reported_on, lambda t: t.kpi_results[0].reported_on),
    "written on": (lambda d: d.cases.written_on, lambda t: t.case_studies[0].written_on),
}


def _spend_year(year: int):
    return (lambda d: d.spend.rows[year].field,
            lambda t: {s.financial_year: s.amount_gbp for s in t.award.actual_spend}.get(year))


DELIVERY.update({f"actual spend {year}": _spend_year(year) for year in (2026, 2027, 2028)})  # the contract's years
ENGAGEMENT = {
    "held on": (lambda d: d.events.held_on, lambda t: t.engagement[0].held_on),
    "supplier postcode": (lambda d: d.suppliers.postcode, lambda t: t.engagement[0].suppliers[0].postcode),
}


def test_no_prefix_is_stored_from_the_lifecycle_dialogs(qtbot, service, day_clock, monkeypatch):
    day_clock.day = dt.date(2026, 10, 12)
    stored = service.create(contract(
        award=contract().award, kpi_results=[KpiResult("Electric vans", dt.date(2026, 7, 1), dt.date(2026, 9, 30),
                                                       reported_on=dt.date(2026, 10, 2))],
        case_studies=[CaseStudy("First route", written_on=dt.date(2026, 10, 1))],
        engagement=[EngagementEvent("Market day", held_on=dt.date(2026, 3, 1),
                                    suppliers=[Supplier("Green Couriers CIC", "LE11 3TU")])]))
    stored.award.awarded_on, stored.award.awarded_value_gbp = dt.date(2026, 6, 1), Decimal(800000)
    stored = service.save(stored)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    seen = {"saved": 0, "kept": 0}

    @settings(max_examples=10, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(text=TYPED)
    def type_into(kind, fields, name, text):
        get_field, read = fields[name]
        before = read(service.get(stored.reference))
        dialog = kind(service, service.get(stored.reference))
        qtbot.addWidget(dialog, before_close_func=settle_dialog)
        for editor in ("results", "cases", "events", "suppliers"):
            if hasattr(dialog, editor):
                getattr(dialog, editor).refresh(select=0)
        field = get_field(dialog)
        field.edit.selectAll()
        qtbot.keyClicks(field.edit, text)
        try:
            whole = field.read(text)
        except FieldError:
            whole = FieldError
        saved = dialog.save()
        after = read(service.get(stored.reference))
        if whole is FieldError:
            assert not saved and after == before, f"{name}: typed {text!r}, stored {after!r}, kept {before!r}"
            seen["kept"] += 1
        else:
            assert after == (whole if saved else before), f"{name}: typed {text!r}, stored {after!r}"
            seen["saved"] += saved
        dialog.dirty = False
        dialog.close()

    for kind, fields in ((DeliveryDialog, DELIVERY), (EngagementDialog, ENGAGEMENT)):
        for name in fields:
            type_into(kind, fields, name)
    for kind, fields in ((DeliveryDialog, DELIVERY), (EngagementDialog, ENGAGEMENT)):
        probe = kind(service, service.get(stored.reference))
        qtbot.addWidget(probe, before_close_func=settle_dialog)
        typed = {get_field(probe) for get_field, _read in fields.values()}
        assert set(probe.findChildren(ValidatedField)) == typed, f"{kind.__name__}: a validated field is not typed into"
    assert seen["saved"] >= 5 and seen["kept"] > 10, seen
