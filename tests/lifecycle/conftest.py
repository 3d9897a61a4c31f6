"""A real service on a real SQLite file whose clock is fixed, so dates in the pipeline, the reminders and
the report are the same on every run."""

from __future__ import annotations

import datetime as dt

import pytest

from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import TenderService
from sv_desktop.settings import load_settings
from sv_desktop.store import TenderStore

TODAY = dt.date(2026, 11, 25)


class DayClock:
    """Today's date, moved by hand."""

    def __init__(self, day: dt.date = TODAY) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def day_clock():
    return DayClock()


@pytest.fixture
def service(data_dir, day_clock):
    paths = app_paths(data_dir)
    opened = TenderService(TenderStore.open(paths), load_settings(paths), clock=day_clock)
    yield opened
    opened.close()
