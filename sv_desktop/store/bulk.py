"""Inserting many tenders at once: the same row values `mapping` produces for one save, written as a few
multi-row INSERT statements instead of one unit of work per object (10,000 tenders in seconds, not
minutes). Runs inside the caller's transaction, so a failure stores nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from sv_desktop.model.tender import Tender

from .mapping import child_rows, fill_row
from .models import Base, EngagementRow, EngagementSupplierRow, TenderRow

_CHILD_TABLES = {
    "themes": "tender_theme", "kpis": "kpi", "questions": "question", "leads": "tender_lead",
    "kpi_results": "kpi_result", "case_studies": "case_study", "role_checks": "role_check",
}


def _values(row: Base, **extra: Any) -> dict[str, Any]:
    """The column values set on a transient row (the id left to the database)."""
    values = {column.key: getattr(row, column.key) for column in row.__table__.columns if column.key != "id"}
    values.update(extra)
    return values


def _insert_returning_ids(session: Session, model: type[TenderRow] | type[EngagementRow],
                          rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def insert_tenders(session: Session, tenders: Sequence[Tender], verdicts: Sequence[bool | None],
                   now: dt.datetime) -> None:
    """Insert `tenders` (references already checked to be free) with their children."""
    tender_values, children = [], []
    for tender, verdict in zip(tenders, verdicts, strict=True):
        row = TenderRow()
        fill_row(row, tender)
        tender_values.append(_values(row, compliant=verdict, version_id=1, created_at=now, updated_at=now,
                                     deleted_at=None))
        children.append(child_rows(tender))
    ids = _insert_returning_ids(session, TenderRow, tender_values)

    by_table: dict[str, list[dict[str, Any]]] = {name: [] for name in _CHILD_TABLES}
    events: list[dict[str, Any]] = []
    event_suppliers: list[list[EngagementSupplierRow]] = []
    for tender_id, rows in zip(ids, children, strict=True):
        for name in _CHILD_TABLES:
            by_table[name] += [_values(child, tender_id=tender_id) for child in rows[name]]
        for event in rows["engagement"]:
            event_suppliers.append(list(event.suppliers))
            events.append(_values(event, tender_id=tender_id))
    for name, model_rows in by_table.items():
        if model_rows:
            session.execute(insert(Base.metadata.tables[_CHILD_TABLES[name]]), model_rows)
    event_ids = _insert_returning_ids(session, EngagementRow, events)
    suppliers = [_values(supplier, event_id=event_id)
                 for event_id, met in zip(event_ids, event_suppliers, strict=True) for supplier in met]
    if suppliers:
        session.execute(insert(EngagementSupplierRow), suppliers)
