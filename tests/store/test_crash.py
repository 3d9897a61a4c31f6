"""Kill a writing process at random moments, hundreds of times: the database stays intact and every save
that was acknowledged (printed after its commit returned) is still there.

SV_CRASH_KILLS sets the number of kills: 200 by default, 1,000 under CI (the environment variable CI set to
"true"), which takes about 80 seconds. POSIX only: it needs fork and SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crash_writer import REFERENCES, expected_title

from sv_desktop.store import TenderStore

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")]


def default_kills() -> str:
    return "1000" if os.environ.get("CI", "").lower() in ("true", "1") else "200"


def test_ci_runs_at_least_a_thousand_kills(monkeypatch):
    monkeypatch.delenv("SV_CRASH_KILLS", raising=False)
    monkeypatch.setenv("CI", "true")
    assert int(default_kills()) >= 1000
    monkeypatch.setenv("CI", "")
    assert int(default_kills()) == 200


def test_kills_at_random_moments_lose_no_acknowledged_save(paths):
    kills = int(os.environ.get("SV_CRASH_KILLS", default_kills()))
    rng = random.Random(int(os.environ.get("SV_CRASH_SEED", "2025")))
    TenderStore.open(paths).close()  # the schema exists before the first kill
    helper = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("crash_writer.py")), str(paths.data_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    acknowledged: dict[str, int] = {}
    killed_while_writing = 0
    total_acks = 0
    after_a_save = 0
    started = time.monotonic()
    try:
        for _ in range(kills):
            helper.stdin.write("go\n")
            helper.stdin.flush()
            line = helper.stdout.readline().split()
            assert line[:1] == ["pid"], line
            pid = int(line[1])
            # A fifth of the kills land during start-up and recovery, the rest while saving: at a random
            # moment after the store opened, or after a first save was acknowledged.
            moment = rng.random()
            acks_this_run = 0
            if moment < 0.2:
                time.sleep(rng.uniform(0, 0.01))
            else:
                assert helper.stdout.readline().split() == ["open", str(pid)]
                if moment >= 0.6:
                    line = helper.stdout.readline().split()
                    assert line[0] == "ack", line
                    acknowledged[line[1]] = max(acknowledged.get(line[1], 0), int(line[2]))
                    acks_this_run += 1
                    after_a_save += 1
                time.sleep(rng.uniform(0, 0.1))
            with contextlib.suppress(ProcessLookupError):  # ended by itself: the "done" line says how
                os.kill(pid, signal.SIGKILL)
            while True:
                line = helper.stdout.readline().split()
                assert line, "the helper process stopped"
                if line[0] == "open":
                    continue
                if line[0] == "ack":
                    acknowledged[line[1]] = max(acknowledged.get(line[1], 0), int(line[2]))
                    acks_this_run += 1
                    continue
                assert line[:2] == ["done", str(pid)], line
                # A writer that exits on its own (instead of being killed) has hit an error: fail loudly.
                assert os.WIFSIGNALED(int(line[2])), f"the writer failed on its own: status {line[2]}"
                break
            killed_while_writing += acks_this_run > 0
            total_acks += acks_this_run
    finally:
        helper.stdin.close()
        helper.wait(timeout=30)
    elapsed = time.monotonic() - started

    connection = sqlite3.connect(paths.database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()

    store = TenderStore.open(paths)
    try:
        for reference, version in acknowledged.items():
            tender = store.get(reference)
            # At least the acknowledged version: later ones may be there without an ack, because a commit
            # is visible once written to the -wal file, before its fsync returns and the ack is printed.
            assert tender.version >= version, (reference, version, tender.version)
            assert tender.title == expected_title(reference, tender.version)
            assert all(kpi.name.endswith(f"v{tender.version}") for kpi in tender.kpis)
        assert {s.reference for s in store.list_summaries()} <= set(REFERENCES)
        assert store.doctor().ok, store.doctor().lines()
        assert all(info.ok for info in store.list_backups())
    finally:
        store.close()
    assert killed_while_writing >= after_a_save > 0
    print(f"{kills} kills in {elapsed:.1f}s, {total_acks} acknowledged saves, "
          f"{killed_while_writing} writers killed after saving something")
