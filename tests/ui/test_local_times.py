"""Backup messages speak the manager's local time, never the UTC stamp of a backup's file name."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from sv_desktop import gui


@pytest.fixture
def kolkata(monkeypatch):
    """A zone 5 h 30 min from UTC, so local time and UTC can never be mistaken for each other."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_backup_name_is_read_in_local_time(kolkata):
    assert gui.backup_when("sv-desktop-2026-12-03T09-30-00.000000Z-startup.sqlite3") == "made 03/12/2026 at 15:00"
    assert gui.backup_when("not-a-backup.sqlite3") == "not-a-backup.sqlite3"


def test_back_up_now_says_the_local_time(qtbot, real_service, open_main, kolkata):
    window = open_main(real_service)
    window.window_actions.backup_now()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Backed up"), timeout=5000)
    message = window.statusBar().currentMessage()
    local = dt.datetime.now().strftime("at %H:%M")
    utc = dt.datetime.now(dt.UTC).strftime("at %H:%M")
    assert local in message and utc not in message
    assert "sv-desktop-" not in message, "no file name with a UTC stamp"
