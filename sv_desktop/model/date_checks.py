"""Dates that make sense together: each check returns the one sentence shown beside the field (what is
wrong and how to fix it), or None when the date is fine. An empty date is never wrong here: whether a
date is needed is the rules' business.

Qt-free so the same checks serve the wizard, the lifecycle dialogs and their tests.
"""

from __future__ import annotations

import datetime as dt


def _uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def not_in_future(day: dt.date | None, today: dt.date, what: str) -> str | None:
    """Something that has happened (an assessment completed, a contract awarded) cannot be dated after today."""
    if day is not None and day > today:
        return (f"The {what} is after today ({_uk(today)}): enter the date it happened, "
                "or leave it empty until then.")
    return None


def start_after_notice(start: dt.date | None, notice: dt.date | None) -> str | None:
    if start is not None and notice is not None and start <= notice:
        return f"The contract must start after the tender notice date ({_uk(notice)}): check both dates."
    return None


def award_after_notice(awarded_on: dt.date | None, notice: dt.date | None) -> str | None:
    if awarded_on is not None and notice is not None and awarded_on < notice:
        return (f"The award cannot come before the tender notice ({_uk(notice)}): check the award date, "
                "or the tender notice date in the tender's details.")
    return None


def period_end_after_start(end: dt.date | None, start: dt.date | None) -> str | None:
    if end is not None and start is not None and end < start:
        return f"The period ends before it starts ({_uk(start)}): check the first and last days."
    return None


def reported_after_period(reported_on: dt.date | None, period_end: dt.date | None) -> str | None:
    if reported_on is not None and period_end is not None and reported_on < period_end:
        return (f"A result cannot be reported before its period ends ({_uk(period_end)}): enter the date "
                "it was reported, or correct the period.")
    return None
