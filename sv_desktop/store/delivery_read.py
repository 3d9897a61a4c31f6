"""Reading what the KPI report reminders need of every contract in delivery, and nothing more.

The reminders are worked out when the main window opens, on a background thread, for every contract in
delivery (a third of a large database). Reading those as whole tenders built every theme, question, lead,
engagement event and case study only to look at the KPIs; and a background thread building Python objects
holds Python's lock, so keys typed meanwhile waited for it. Here three narrow SELECTs (the contracts' dates,
their KPIs' names and frequencies, their results' KPI names and period ends) fill
`model.kpi_reminders.DeliveryContract` records directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, select

from sv_desktop.model.kpi_reminders import DeliveryContract

from .models import KpiResultRow, KpiRow, TenderRow


def delivery_contracts(connection: Connection, stages: Iterable[str]) -> list[DeliveryContract]:
    """Live tenders at any of `stages`, by reference, as the reminders read them."""
    tender, kpi, result = TenderRow.__table__, KpiRow.__table__, KpiResultRow.__table__
    wanted = (tender.c.deleted_at.is_(None), tender.c.stage.in_(list(stages)))
    contracts = connection.execute(
        select(tender.c.id, tender.c.reference, tender.c.title, tender.c.stage, tender.c.contract_start_date,
               tender.c.awarded_on, tender.c.duration_months)
        .where(*wanted).order_by(tender.c.reference)).all()
    if not contracts:
        return []
    ids = select(tender.c.id).where(*wanted)
    kpis: dict[int, list[tuple[str, str]]] = {}
    for tender_id, name, frequency in connection.execute(
            select(kpi.c.tender_id, kpi.c.name, kpi.c.frequency)
            .where(kpi.c.tender_id.in_(ids)).order_by(kpi.c.tender_id, kpi.c.position)):
        kpis.setdefault(tender_id, []).append((name, frequency))
    reported: dict[int, list[tuple[str, dt.date | None]]] = {}
    for tender_id, name, period_end in connection.execute(
            select(result.c.tender_id, result.c.kpi, result.c.period_end)
            .where(result.c.tender_id.in_(ids)).order_by(result.c.tender_id, result.c.position)):
        reported.setdefault(tender_id, []).append((name, period_end))
    return [DeliveryContract(reference=row.reference, title=row.title, stage=row.stage,
                             start=row.contract_start_date or row.awarded_on, duration_months=row.duration_months,
                             kpis=tuple(kpis.get(row.id, ())), reported=tuple(reported.get(row.id, ())))
            for row in contracts]
