"""Acceptance: engagement notes typed at a supplier event survive the laptop dying mid-typing.

A separate process opens the engagement dialog on a real SQLite file and types notes key by key, as a
manager would; it pauses (long enough for the save as you type), then goes on typing, and is killed
(SIGKILL: no clean-up, no Close) in the middle of the second sentence. Nobody pressed anything to save.
The words typed before the pause must be in the database file, read back with plain sqlite3 and through
the app's own service; the dialog was never flushed by hand.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sv_desktop.model.lifecycle import EngagementEvent
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.wizard.autosave import DELAY_MS

from .conftest import contract

ROOT = Path(__file__).resolve().parents[2]
BEFORE_PAUSE = "Two local couriers keen to bid, lots too large for them"
AFTER_PAUSE = " and the third supplier asked about the social value weighting of the contract"

TYPIST = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.lifecycle.engagement import EngagementDialog

folder, reference, before, after, pause = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
service = open_service(data_dir=folder)
dialog = EngagementDialog(service, service.get(reference))
dialog.show()
app.processEvents()
notes = dialog.events.notes
notes.setFocus()
QTest.keyClicks(notes, before)
print("TYPED", notes.toPlainText(), flush=True)
end = time.monotonic() + pause
while time.monotonic() < end:          # the manager looks up; the event loop runs on
    app.processEvents()
    time.sleep(0.01)
print("PAUSED", dialog.save_status.text(), flush=True)
while True:                            # typing again, a key every 50 ms, until the power goes
    for char in after:
        QTest.keyClicks(notes, char)
        app.processEvents()
        time.sleep(0.05)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_engagement_notes_survive_a_kill_mid_typing(data_dir):
    service = open_service(data_dir=data_dir)
    try:
        tender = contract("LPT-2027-050", stage="pre_market", contract_start_date=None)
        tender.engagement = [EngagementEvent("Supplier day at Leicester", dt.date(2026, 11, 2))]
        stored = service.create(tender)
    finally:
        service.close()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    pause = DELAY_MS / 1000 * 3
    process = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(data_dir), stored.reference, BEFORE_PAUSE, AFTER_PAUSE, str(pause)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        typed = process.stdout.readline()
        paused = process.stdout.readline() if typed else ""
        time.sleep(0.6)  # some of the second sentence is typed, and its pause has not come
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        errors = process.stderr.read()[-2000:]
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, errors
    assert typed.strip() == f"TYPED {BEFORE_PAUSE}", f"the keys did not reach the notes: {typed}{errors}"
    assert paused.startswith("PAUSED Saved "), f"not saved during the pause: {paused}{errors}"

    database = app_paths(data_dir).database
    with sqlite3.connect(database) as connection:
        (notes,) = connection.execute("SELECT notes FROM engagement_event").fetchone()
    assert notes.startswith(BEFORE_PAUSE), notes
    assert len(notes) < len(BEFORE_PAUSE + AFTER_PAUSE), "the kill came after all the typing"

    service = open_service(data_dir=data_dir)
    try:
        assert service.get(stored.reference).engagement[0].notes == notes
    finally:
        service.close()
