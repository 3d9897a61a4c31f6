"""Reading many whole tenders at once (the compliance report) with one plain
SELECT per table.

Loading three thousand tenders with their children through the ORM took about three seconds, mostly in
building and tracking ORM objects nobody changes; and it ran on a background thread holding Python's
lock, which made the window stutter meanwhile. Here each table is read once with Core (the same column
types, so the same values) and the rows are handed to `mapping.tender_from_row`, which reads them like
ORM rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from sv_desktop.model.tender import Tender

from .mapping import tender_from_row
from .models import EngagementRow, EngagementSupplierRow, TenderRow

_CHILDREN = {name: relationship.mapper.local_table
             for name, relationship in TenderRow.__mapper__.relationships.items()}


class _Loaded:
    """A row read with Core, with its children attached under the ORM relationship names."""

    def __init__(self, row: Any, children: tuple[str, ...]) -> None:
        self._row = row
        for name in children:
            setattr(self, name, [])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


def whole_tenders(connection: Connection, *conditions: Any) -> list[Tender]:
    """Live tenders matching every condition (on TenderRow's columns), by reference, children included."""
    tender = TenderRow.__table__
    wanted = (tender.c.deleted_at.is_(None), *conditions)
    loaded = {row.id: _Loaded(row, tuple(_CHILDREN))
              for row in connection.execute(select(tender).where(*wanted).order_by(tender.c.reference)).all()}
    if not loaded:
        return []
    ids = select(tender.c.id).where(*wanted)
    events: dict[int, _Loaded] = {}
    for name, table in _CHILDREN.items():
        query = select(table).where(table.c.tender_id.in_(ids)).order_by(table.c.tender_id, table.c.position)
        for child in connection.execute(query).all():
            if table is EngagementRow.__table__:
                event = events[child.id] = _Loaded(child, ("suppliers",))
                loaded[child.tender_id].engagement.append(event)
            else:
                getattr(loaded[child.tender_id], name).append(child)
    if events:
        supplier, event_table = EngagementSupplierRow.__table__, EngagementRow.__table__
        query = (select(supplier)
                 .where(supplier.c.event_id.in_(select(event_table.c.id).where(event_table.c.tender_id.in_(ids))))
                 .order_by(supplier.c.event_id, supplier.c.position))
        for row in connection.execute(query).all():
            events[row.event_id].suppliers.append(row)
    return [tender_from_row(row) for row in loaded.values()]  # type: ignore[arg-type]
