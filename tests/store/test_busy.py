"""A database another process holds is in use, never damaged: reported as such (with the holder where the
instance lock names it), waited for, and never moved, restored over or replaced by an empty one."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from sv_desktop.cli import EXIT_DATABASE, main
from sv_desktop.services.errors import DatabaseInUse
from sv_desktop.services.tender_service import open_service
from sv_desktop.store import DatabaseBusyError, StoreError, busy, move_damaged_aside, restore_backup
from sv_desktop.store.busy import lock_holder, retry_while_busy

MODES = ["exclusive-mode", "begin-exclusive"]


@pytest.fixture
def filled(paths):
    service = open_service(paths.data_dir)
    tender = service.create(service.new_tender("Catering for inpatient wards", "goods_services"))
    backup = service.backup()
    service.close()
    return tender.reference, backup


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(busy, "RETRY_SECONDS", 0.0)
    monkeypatch.setattr(busy, "WAIT_SECONDS", 0.5)  # each connection waits half a second, not five


@pytest.fixture
def holding(paths, holders):
    def hold(mode: str, seconds: float = 120, *, journal: str | None = None):
        holders.hold(paths.database, mode, seconds, journal=journal)
        return holders

    return hold


def _nothing_moved(paths, reference: str) -> None:
    assert not paths.damaged.exists(), "a database in use must never be moved to damaged/"
    assert not (paths.backups / "replaced").exists()
    service = open_service(paths.data_dir)
    try:
        assert [row.reference for row in service.list_tenders()] == [reference]
    finally:
        service.close()


@pytest.mark.parametrize("mode", MODES)
def test_the_cli_reports_a_held_database_as_in_use(paths, filled, holding, no_waiting, capsys, mode):
    reference, backup = filled
    # With WAL, BEGIN EXCLUSIVE still lets readers in: that case is met by a command that writes.
    held = holding(mode, journal="DELETE" if mode == "begin-exclusive" else None)
    code = main(["list"])
    err = capsys.readouterr().err
    assert code == EXIT_DATABASE
    assert "in use" in err and "not damaged" in err
    assert "damaged and cannot" not in err and "restore" not in err.lower()

    code = main(["restore", str(backup)])
    err = capsys.readouterr().err
    assert code == EXIT_DATABASE and "in use" in err
    held.release_all()
    _nothing_moved(paths, reference)


def test_a_write_held_open_under_wal_refuses_import_and_restore(paths, filled, holding, no_waiting, capsys,
                                                                 tmp_path):
    reference, backup = filled
    holding("begin-exclusive")
    source = tmp_path / "new.svtender.json"
    source.write_text('{"format": "sv-desktop.tender", "format_version": 1, "reference": "NEW-1", '
                      '"title": "Laundry", "category": "goods_services", "value_excl_vat_gbp": 400000, '
                      '"duration_months": 36, "social_value_weighting_pct": 10, '
                      '"themes": [{"theme": "fighting_climate_change", "weighting_pct": 10}]}', encoding="utf-8")
    assert main(["import", str(source)]) == EXIT_DATABASE
    assert "in use" in capsys.readouterr().err
    assert main(["restore", str(backup)]) == EXIT_DATABASE
    assert "in use" in capsys.readouterr().err
    assert not paths.damaged.exists() and not (paths.backups / "replaced").exists()


@pytest.mark.parametrize("mode", MODES)
def test_the_store_never_calls_a_held_file_damaged(paths, filled, holding, no_waiting, mode):
    reference, backup = filled
    holding(mode, journal="DELETE" if mode == "begin-exclusive" else None)
    with pytest.raises(DatabaseInUse):
        service = open_service(paths.data_dir)
        service.list_tenders()
    with pytest.raises(DatabaseBusyError):
        restore_backup(paths, backup)
    with pytest.raises(StoreError) as refused:
        move_damaged_aside(paths)
    assert "in use" in str(refused.value)
    assert not paths.damaged.exists()


def test_the_holder_is_named_when_it_is_an_sv_desktop(paths, filled, holders, no_waiting, capsys):
    holders.hold(paths.database, "exclusive-mode", as_app=True)
    holder_pid = holders.processes[-1].pid
    assert main(["list"]) == EXIT_DATABASE
    err = capsys.readouterr().err
    assert f"in use by sv-desktop (process {holder_pid})" in err
    assert not paths.damaged.exists()


def test_opening_waits_for_a_holder_that_lets_go(paths, filled, holding, monkeypatch):
    reference, _backup = filled
    monkeypatch.setattr(busy, "RETRY_SECONDS", 30.0)
    holding("exclusive-mode", seconds=3)
    started = time.monotonic()
    service = open_service(paths.data_dir)
    try:
        assert [row.reference for row in service.list_tenders()] == [reference]
    finally:
        service.close()
    assert time.monotonic() - started >= 2, "the store waited for the holder"


def test_retry_gives_up_after_its_time_and_sleeps_between_tries():
    tries: list[int] = []
    slept: list[float] = []

    def attempt() -> str:
        tries.append(1)
        if len(tries) < 3:
            raise DatabaseBusyError("db", "another program")
        return "opened"

    assert retry_while_busy(attempt, seconds=60, sleep=slept.append) == "opened"
    assert len(tries) == 3 and len(slept) == 2
    with pytest.raises(DatabaseBusyError):
        retry_while_busy(lambda: (_ for _ in ()).throw(DatabaseBusyError("db", "x")), seconds=0)


def test_the_holder_is_named_from_the_instance_lock(paths, tmp_path):
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        paths.lock_file.write_text(f"{helper.pid}\nsv-desktop\n{__import__('socket').gethostname()}\n")
        assert lock_holder(paths.lock_file) == f"sv-desktop (process {helper.pid})"
        paths.lock_file.write_text("4242\nsv-desktop\nWARD-PC-17\n")
        assert lock_holder(paths.lock_file) == "sv-desktop (process 4242) on WARD-PC-17"
    finally:
        helper.kill()
        helper.wait(30)
    assert lock_holder(paths.lock_file.with_name("none")) is None
    assert "sv-desktop (process" in str(DatabaseBusyError(paths.database, lock_holder(paths.lock_file)))
