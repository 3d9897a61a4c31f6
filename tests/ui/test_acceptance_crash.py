"""Acceptance: the app killed in the middle of autosaving, again and again, on a real SQLite file.

A separate process runs a tender window that rewrites a 20,000-character description and saves it as
fast as it can, printing each version it has saved; it is killed (SIGKILL: no clean-up at all) at a
random moment, mostly in the middle of a write. Every time, the app must start again on the same data
folder: the database healthy, the instance lock taken over from the dead process, and the tender holding
the last version that was reported saved, or a later one, never a mixture.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import open_service
from sv_desktop.store.instance_lock import acquire_instance_lock

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 4

WRITER = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import open_service
from sv_desktop.store.instance_lock import acquire_instance_lock
from sv_desktop.ui.wizard.wizard_window import TenderWizard

folder, start = Path(sys.argv[1]), int(sys.argv[2])
lock = acquire_instance_lock(app_paths(folder))
if lock is None:
    print("LOCKED", flush=True)
    sys.exit(3)
service = open_service(data_dir=folder)
existing = service.list_tenders()
tender = service.get(existing[0].reference) if existing else service.new_tender("Killed mid-write", "transport")
wizard = TenderWizard(service, tender)
wizard.show()
details = wizard.page(0)
version = start
while True:
    details.description.setPlainText(f"version {version} " + "x" * 20000 + f" end {version}")
    app.processEvents()
    if not wizard.autosaver.flush():
        print("FAILED", wizard.save_label.text(), flush=True)
        sys.exit(4)
    print("SAVED", version, wizard.autosaver.stored_reference, flush=True)
    version += 1
"""


def run_and_kill(folder: Path, start: int, rng: random.Random) -> tuple[int, str]:
    """Start the writer, let it save a few versions, kill it mid-write; the last version it reported."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(start)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    last, reference = -1, ""
    wanted = start + rng.randint(2, 6)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                pytest.fail(f"the writer stopped: {process.stderr.read()[-2000:]}")
            parts = line.split()
            assert parts[0] == "SAVED", line
            last, reference = int(parts[1]), parts[2]
            if last >= wanted:
                time.sleep(rng.uniform(0, 0.05))  # somewhere inside the next save
                break
        else:
            pytest.fail("the writer never saved")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return last, reference


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_mid_write_again_and_again_loses_nothing_that_was_saved(tmp_path):
    folder = tmp_path / "data"
    rng = random.Random(20261125)
    start = 0
    for _ in range(ROUNDS):
        acknowledged, reference = run_and_kill(folder, start, rng)
        lock = acquire_instance_lock(app_paths(folder))
        assert lock is not None, "the dead process's lock must not keep the app out"
        try:
            service = open_service(data_dir=folder)  # raises DatabaseProblem if the file were damaged
            try:
                report = "\n".join(service.doctor())
                assert "Integrity check: ok" in report, report
                tenders = service.list_tenders()
                assert [t.reference for t in tenders] == [reference], "one tender, never a duplicate"
                description = service.get(reference).description
                version = int(description.split()[1])
                assert version >= acknowledged, f"saved version {acknowledged} was lost"
                assert description == f"version {version} " + "x" * 20000 + f" end {version}", "a torn write"
                start = version + 1
            finally:
                service.close()
        finally:
            lock.unlock()
