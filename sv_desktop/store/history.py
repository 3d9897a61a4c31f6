"""The audit trail: every change to a tender records who made it, when, how, and the tender as it then stood.

Who is the database user (`current_user`) on PostgreSQL, where each member connects as themselves, and the
computer's user name on SQLite. The tender is kept in its `.svtender.json` form, so any version can be read
back, compared or restored by the same code that reads files. Saves by the same person within
`COALESCE_WINDOW` of their last save extend that version (autosave would otherwise add hundreds).

A tender stored before the history was kept gets one "before_history" version holding how it stood, at its
first change; so the version an import or a restore replaces is always in the history.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from typing import cast

from sqlalchemy import Table, select, text, update
from sqlalchemy.orm import Session

from sv_desktop.model.history import COALESCE_WINDOW, HistoryEntry, changed_keys
from sv_desktop.model.tender import Tender
from sv_desktop.model.tender_file import tender_to_dict

from .mapping import tender_from_row
from .models import HistoryRow, TenderRow

MAX_USER = 200


def current_user(session: Session) -> str:
    """Who is making the change: the database's user on a server, the computer's user on SQLite."""
    if session.get_bind().dialect.name == "sqlite":
        try:
            return getpass.getuser()[:MAX_USER]
        except Exception:  # noqa: BLE001 - no user name known to the system: say so rather than fail a save
            return ""
    return str(session.scalar(text("SELECT current_user")) or "")[:MAX_USER]


SNAPSHOT_ACTIONS = frozenset({"created", "saved", "imported", "restored_version", "before_history"})
"""Changes that leave a version of the tender's content (a move to or from the bin does not)."""


HISTORY = cast(Table, HistoryRow.__table__)
"""Queried as a table, on the session's connection: every save runs these, and the ORM adds nothing here."""


def _last(session: Session, tender_id: int):
    c = HISTORY.c
    return session.connection().execute(
        select(c.id, c.action, c.changed_by, c.changed_at, c.snapshot.is_(None).label("pending"))
        .where(c.tender_id == tender_id).order_by(c.id.desc()).limit(1)).first()


def _extends(last, action: str, who: str, now: dt.datetime) -> bool:
    """True when this change only extends the same person's latest save (autosave)."""
    return (last is not None and action == "saved" and last.action == "saved" and last.changed_by == who
            and now - _aware(last.changed_at) <= COALESCE_WINDOW)


def keep_before(session: Session, row: TenderRow, now: dt.datetime, action: str = "saved") -> None:
    """Before `row` is changed: make sure how it stands now is kept. The newest version holds no copy while
    it is the current one (the tender row is its copy; so an autosave writes no copy at all); here, before a
    change that starts a new version, that copy is written. A tender with no history yet gets a
    "before_history" version holding how it stands."""
    if row.id is None:
        return
    last = _last(session, row.id)
    if last is None:
        session.add(HistoryRow(tender_id=row.id, version=row.version_id, action="before_history",
                               changed_at=row.updated_at or now, changed_by="",
                               snapshot=_compact(tender_from_row(row))))
        return
    if last.pending and last.action in SNAPSHOT_ACTIONS and not _extends(last, action, current_user(session), now):
        session.connection().execute(update(HISTORY).where(HISTORY.c.id == last.id).values(
            snapshot=_compact(tender_from_row(row))))


def record(session: Session, row: TenderRow, tender: Tender | None, action: str, now: dt.datetime) -> None:
    """After `row` was changed (and flushed): add the version, or extend the same person's recent save. The
    copy of a content version is written when the next change starts (see `keep_before`)."""
    who = current_user(session)
    last = _last(session, row.id) if action == "saved" else None
    if last is not None and _extends(last, action, who, now):
        session.connection().execute(update(HISTORY).where(HISTORY.c.id == last.id).values(
            version=row.version_id, changed_at=now))
        return
    session.connection().execute(HISTORY.insert().values(
        tender_id=row.id, version=row.version_id, action=action, changed_at=now, changed_by=who, snapshot=None))


def _current(session: Session, tender_id: int) -> str:
    """The copy of the newest content version: the tender as it stands."""
    row = session.get(TenderRow, tender_id)
    if row is None:
        raise LookupError(f"no tender with id {tender_id}")
    return _compact(tender_from_row(row))


def _compact(tender: Tender) -> str:
    """The file form without the layout a person reads: a third of the size, written on every save."""
    return json.dumps(tender_to_dict(tender), ensure_ascii=False, separators=(",", ":"))


def _aware(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def entries(session: Session, tender_id: int) -> list[HistoryEntry]:
    """The tender's versions, newest first, each with what changed since the version before it."""
    rows = session.execute(
        select(HistoryRow.id, HistoryRow.version, HistoryRow.action, HistoryRow.changed_at,
               HistoryRow.changed_by, HistoryRow.snapshot)
        .where(HistoryRow.tender_id == tender_id).order_by(HistoryRow.id)).all()
    out: list[HistoryEntry] = []
    previous: str | None = None
    first = True
    for row_id, version, action, changed_at, changed_by, copy in rows:
        if copy is None and action in SNAPSHOT_ACTIONS:
            copy = _current(session, tender_id)  # the newest version: the tender as it stands
        changes = changed_keys(None if first else (previous or ""), copy) if copy else ()
        if first and action in ("created", "before_history"):
            changes = ()
        out.append(HistoryEntry(row_id, version, action, changed_at, changed_by or "", copy is not None,
                                changes))
        if copy:
            previous, first = copy, False
    out.reverse()
    return out


def snapshot(session: Session, tender_id: int, entry_id: int) -> str | None:
    found = session.execute(select(HistoryRow.action, HistoryRow.snapshot).where(
        HistoryRow.tender_id == tender_id, HistoryRow.id == entry_id)).first()
    if found is None:
        return None
    if found.snapshot is None and found.action in SNAPSHOT_ACTIONS:
        return _current(session, tender_id)
    return found.snapshot


def latest(session: Session, tender_id: int) -> HistoryEntry | None:
    row = session.execute(
        select(HistoryRow.id, HistoryRow.version, HistoryRow.action, HistoryRow.changed_at, HistoryRow.changed_by)
        .where(HistoryRow.tender_id == tender_id).order_by(HistoryRow.id.desc()).limit(1)).first()
    if row is None:
        return None
    return HistoryEntry(row[0], row[1], row[2], row[3], row[4] or "", True)
