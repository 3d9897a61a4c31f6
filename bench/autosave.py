"""Autosave: 1,000 edits of the largest realistic tender saved through the service, each one its own
durable commit (synchronous=FULL), in a database of 10,000 tenders; the 95th percentile of the time one
save takes. Each save is what the wizard's autosave does when the manager pauses: the whole tender is
checked against the policy and written, children included.
"""

from __future__ import annotations

import dataclasses

from sv_desktop.paths import DATABASE_FILE

from .dataset import DataDirs, largest_tender
from .floor_autosave import commit_latencies
from .harness import Result, median, percentile, timed, value_goal

LIMIT_MS = 20.0
PERCENTILE = 95


def _edit(tender, index: int) -> None:
    """One change as a manager makes them: a few characters in a note, a KPI target, a word limit."""
    kind = index % 4
    if kind == 0:
        tender.think_local.notes += " x" if index % 8 else "."
    elif kind == 1:
        tender.kpis[index % len(tender.kpis)].target = f"{index % 97}%"
    elif kind == 2:
        tender.questions[index % len(tender.questions)].word_limit = 500 + index % 500
    else:
        tender.description = f"{tender.description.rstrip('0123456789 ')} {index}"


def bench_autosave(data: DataDirs, count: int = 10_000, edits: int = 1000) -> Result:
    from sv_desktop.services.tender_service import open_service

    data_dir = data.fresh(count, "autosave")
    service = open_service(data_dir)
    try:
        tender = service.create(largest_tender(service.bank))
        latencies = []
        for index in range(edits):
            _edit(tender, index)

            def save() -> None:
                stored = service.save(tender)
                tender.version, tender.updated_at = stored.version, stored.updated_at

            latencies.append(timed(save))
        saved = service.get(tender.reference)
        if dataclasses.replace(saved, updated_at=None) != dataclasses.replace(tender, updated_at=None):
            raise RuntimeError("autosave: the stored tender differs from the edited one")
    finally:
        service.close()
    floor = commit_latencies(data_dir / DATABASE_FILE, edits)
    app_ms = [t * 1000 for t in latencies]
    return value_goal("autosave_p95", percentile(app_ms, PERCENTILE), percentile(floor, PERCENTILE) * 1000,
                      "ms", LIMIT_MS, edits, median_ms=round(median(app_ms), 2),
                      worst_ms=round(max(app_ms), 1),
                      floor_median_ms=round(median(floor) * 1000, 2), tenders=count,
                      questions=len(tender.questions), kpis=len(tender.kpis))
