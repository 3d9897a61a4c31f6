"""One writer for destructive work: `restore` and `import` from the command line take the instance lock or
refuse with "sv-desktop is open: close it first"; a restore cut off leaves a copy that the next holder of
the lock removes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sv_desktop.cli import EXIT_DATABASE, main
from sv_desktop.services.tender_service import open_service
from sv_desktop.store.instance_lock import acquire_instance_lock

ROOT = Path(__file__).resolve().parents[2]
TENDER = {"format": "sv-desktop.tender", "format_version": 1, "reference": "LOCK-1", "title": "Laundry",
          "category": "goods_services", "value_excl_vat_gbp": 400000, "duration_months": 36,
          "social_value_weighting_pct": 10, "themes": [{"theme": "fighting_climate_change", "weighting_pct": 10}]}


@pytest.fixture
def with_backup(paths):
    service = open_service(paths.data_dir)
    tender = service.create(service.new_tender("Catering for inpatient wards", "goods_services"))
    backup = service.backup()
    service.create(service.new_tender("Patient transport", "goods_services"))  # newer than the backup
    service.close()
    return tender.reference, backup


def _references(paths) -> list[str]:
    service = open_service(paths.data_dir)
    try:
        return sorted(row.reference for row in service.list_tenders())
    finally:
        service.close()


def test_restore_and_import_are_refused_while_the_lock_is_held(paths, with_backup, tmp_path, capsys):
    _reference, backup = with_backup
    before = _references(paths)
    database_before = paths.database.read_bytes()
    lock = acquire_instance_lock(paths)  # as the app does when it starts
    assert lock is not None
    try:
        assert main(["restore", str(backup)]) == EXIT_DATABASE
        err = capsys.readouterr().err
        assert "sv-desktop is open: close it first" in err
        source = tmp_path / "t.svtender.json"
        source.write_text(json.dumps(TENDER), encoding="utf-8")
        assert main(["import", str(source)]) == EXIT_DATABASE
        assert "sv-desktop is open: close it first" in capsys.readouterr().err
        assert main(["demo"]) == EXIT_DATABASE  # the worked examples are imported too
        assert "sv-desktop is open: close it first" in capsys.readouterr().err
    finally:
        lock.unlock()
    assert paths.database.read_bytes() == database_before
    assert not (paths.backups / "replaced").exists()
    assert _references(paths) == before
    assert main(["restore", str(backup)]) == 0  # once the app is closed, the restore goes ahead
    out = capsys.readouterr().out
    assert "backed up as" in out and "kept as" in out
    assert len(_references(paths)) == len(before) - 1


def test_restore_is_refused_while_the_app_runs(paths, with_backup, capsys):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen([sys.executable, "-m", "sv_desktop", "--data-dir", str(paths.data_dir)], cwd=ROOT,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not paths.lock_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        assert app.poll() is None, "the app started and is running"
        before = _references(paths)
        assert main(["restore", str(with_backup[1])]) == EXIT_DATABASE
        assert "sv-desktop is open: close it first" in capsys.readouterr().err
        assert _references(paths) == before
        assert not (paths.backups / "replaced").exists()
    finally:
        app.kill()
        app.wait(30)


def test_an_interrupted_restore_is_cleaned_up_at_the_next_start(paths, with_backup):
    leftovers = [paths.data_dir / ".restoring-2025-03-10T09-30-00.000000Z.sqlite3",
                 paths.data_dir / ".restoring-2025-03-10T09-30-00.000000Z.sqlite3.partial"]
    for leftover in leftovers:
        leftover.write_bytes(b"half a copy")
    database = paths.database.read_bytes()
    lock = acquire_instance_lock(paths)
    try:
        assert not any(leftover.exists() for leftover in leftovers)
        assert paths.lock_file.stat().st_mode & 0o777 == 0o600
    finally:
        lock.unlock()
    assert paths.database.read_bytes() == database
