"""The record of issued supplier documents: each tender's pack and brief carry a version that goes up
only when their content changed since the last issue, and keep the date of that issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import _
from .errors import NotFoundError
from .models import PackIssueRow, TenderRow

KINDS = ("pack", "brief")


@dataclass(frozen=True)
class PackIssue:
    kind: str
    version: int
    issued_on: dt.date
    content_hash: str


def _issue(row: PackIssueRow) -> PackIssue:
    return PackIssue(row.kind, row.version, row.issued_on, row.content_hash)


def _tender_id(session: Session, reference: str) -> int:
    tender_id = session.scalar(select(TenderRow.id).where(TenderRow.reference == reference,
                                                          TenderRow.deleted_at.is_(None)))
    if tender_id is None:
        raise NotFoundError(_("There is no tender with the reference {reference}.").format(
                              reference=reference))
    return tender_id


def latest_issue(session: Session, reference: str, kind: str) -> PackIssue | None:
    tender_id = _tender_id(session, reference)
    row = session.scalar(select(PackIssueRow).where(PackIssueRow.tender_id == tender_id, PackIssueRow.kind == kind)
                         .order_by(PackIssueRow.version.desc()).limit(1))
    return None if row is None else _issue(row)


def record_issue(session: Session, reference: str, kind: str, content_hash: str, today: dt.date) -> PackIssue:
    """The issue for this content: the last one if its content is the same, else a new version today."""
    if kind not in KINDS:
        raise ValueError(_("unknown document kind {kind!r}").format(kind=kind))
    last = latest_issue(session, reference, kind)
    if last is not None and last.content_hash == content_hash:
        return last
    row = PackIssueRow(tender_id=_tender_id(session, reference), kind=kind,
                       version=1 if last is None else last.version + 1, issued_on=today,
                       content_hash=content_hash)
    session.add(row)
    session.flush()
    return _issue(row)
