"""Backups on real files: taking them only when something changed, thinning, restoring, and the doctor."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path

import pytest
from store_helpers import assert_same_tender, full_tender

from sv_desktop.model.tender import new_tender
from sv_desktop.store import StoreError, TenderStore, restore_backup, thin_backups
from sv_desktop.store.migrate import head_revision


def _at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC)


def _names(paths_kept):
    return sorted(p.name for p in paths_kept)


# ---------------------------------------------------------------- thinning (pure, with a fake clock)


def test_thinning_keeps_today_7_days_4_weeks_6_months():
    now = _at("2025-06-30", 18)
    files = []
    # Every day from 1 Jan to 30 Jun 2025, two backups a day (09:00 and 17:00).
    day = dt.date(2025, 1, 1)
    while day <= now.date():
        for hour in (9, 17):
            files.append((Path(f"{day}-{hour}.sqlite3"), _at(day.isoformat(), hour)))
        day += dt.timedelta(days=1)
    delete = set(thin_backups(files, now))
    kept = {path.name for path, _ in files} - {path.name for path in delete}

    assert {"2025-06-30-9.sqlite3", "2025-06-30-17.sqlite3"} <= kept  # each hour of today
    assert {f"2025-06-{d}-17.sqlite3" for d in range(23, 30)} <= kept  # newest of each of 7 days
    assert "2025-06-29-9.sqlite3" not in kept
    # Weekly: newest of the 4 most recent ISO weeks before today (Sundays 29, 22, 15, 8 June).
    assert {"2025-06-22-17.sqlite3", "2025-06-15-17.sqlite3", "2025-06-08-17.sqlite3"} <= kept
    # Monthly: newest of each of the last 6 months.
    assert {"2025-05-31-17.sqlite3", "2025-04-30-17.sqlite3", "2025-03-31-17.sqlite3",
            "2025-02-28-17.sqlite3", "2025-01-31-17.sqlite3"} <= kept
    assert len(kept) == 2 + 7 + 3 + 5
    assert delete.isdisjoint({path for path, _ in files if path.name in kept})


def test_thinning_after_months_away_keeps_history():
    now = _at("2025-12-01")
    files = [(Path(f"old-{i}"), _at("2025-01-01") + dt.timedelta(days=i)) for i in range(10)]
    kept = {p for p, _ in files} - set(thin_backups(files, now))
    assert len(kept) >= 7, "days without backups do not count, so the last backups before the gap stay"


def test_thinning_edge_cases():
    now = _at("2025-03-10")
    assert thin_backups([], now) == []
    only = [(Path("only"), _at("2024-01-01"))]
    assert thin_backups(only, now) == []
    future = [(Path("future"), _at("2026-01-01")), (Path("old"), _at("2025-03-01"))]
    assert thin_backups(future, now) == []


def test_thinning_uses_the_local_day_of_now():
    # 23:30 UTC on the 9th is 00:30 on the 10th in a UTC+1 zone: it belongs to "today" there.
    zone = dt.timezone(dt.timedelta(hours=1))
    now = dt.datetime(2025, 3, 10, 8, 0, tzinfo=zone)
    files = [(Path("late"), dt.datetime(2025, 3, 9, 23, 30, tzinfo=dt.UTC)),
             (Path("later"), dt.datetime(2025, 3, 10, 0, 45, tzinfo=dt.UTC)),
             (Path("newest"), dt.datetime(2025, 3, 10, 7, 0, tzinfo=zone))]
    assert thin_backups(files, now) == []


def test_thinning_within_today_keeps_one_per_hour_and_the_newest():
    now = _at("2025-03-10", 15)
    files = [(Path(f"at-{minute}"), _at("2025-03-10", 9) + dt.timedelta(minutes=minute))
             for minute in range(0, 6 * 60, 3)]  # every three minutes from 09:00 to 14:57
    undo = Path("at-63")  # 10:03, taken before a restore
    kept = {p for p, _ in files} - set(thin_backups(files, now, keep_today={undo}))
    assert kept == {Path(f"at-{hour * 60 + 57}") for hour in range(6)} | {undo}
    assert Path("at-357") in kept, "the newest is kept"


# ---------------------------------------------------------------- taking backups on real files


def test_backup_is_a_complete_consistent_copy(store, paths):
    store.create(full_tender("B-1"))
    path = store.backup("manual")
    assert path.parent == paths.backups and path.name.endswith("-manual.sqlite3")
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert connection.execute("SELECT reference FROM tender").fetchall() == [("B-1",)]
    finally:
        connection.close()
    assert not Path(str(path) + "-wal").exists()
    [info] = store.list_backups()
    assert info.path == path and info.ok and info.size == path.stat().st_size and info.reason == "manual"


def test_backup_if_changed_only_after_a_change(store, clock):
    assert store.backup_if_changed("autosave") is None  # nothing stored yet
    store.create(new_tender("C-1"))
    first = store.backup_if_changed("autosave")
    assert first is not None
    clock.advance(minutes=1)
    assert store.backup_if_changed("autosave") is None
    store.get("C-1")
    store.list_summaries()
    assert store.purge_bin() == 0
    assert store.backup_if_changed("autosave") is None, "reading (or emptying an empty bin) is not a change"
    tender = store.get("C-1")
    tender.title = "changed"
    store.save(tender)
    clock.advance(hours=1)  # within one hour only the newest backup of the hour is kept
    second = store.backup_if_changed("autosave")
    assert second is not None and second != first
    assert len(store.list_backups()) == 2


def test_backup_if_changed_survives_a_restart(paths, clock):
    with TenderStore.open(paths, now=clock) as store:
        store.create(new_tender("R-1"))
        assert store.backup_if_changed("close") is not None
    with TenderStore.open(paths, now=clock) as store:
        assert store.backup_if_changed("start") is None
        store.delete("R-1")
        clock.advance(seconds=1)
        assert store.backup_if_changed("start") is not None


def test_backups_are_thinned_after_each_backup(store, clock):
    store.create(new_tender("T-1"))
    for _ in range(40):
        store.backup("daily")
        clock.advance(days=1)
    kept = store.list_backups()
    assert 7 <= len(kept) <= 1 + 7 + 4 + 6
    assert kept[0].created == clock.now - dt.timedelta(days=1)


def test_a_day_of_saves_leaves_one_backup_per_hour(store, clock):
    """Backups every two minutes through a working day (each after a save) stay at one per hour."""
    clock.now = dt.datetime(2025, 3, 10, 8, 0).astimezone()
    tender = store.create(new_tender("H-1"))
    made = 0
    manual = None
    for turn in range(5 * 30):
        tender.title = f"Saved at {clock.now:%H:%M}"
        tender = store.save(tender)
        assert store.backup_if_changed("periodic") is not None
        made += 1
        if turn == 10:
            manual = store.backup("manual")  # asked for by the manager: kept all day
        clock.advance(minutes=2)
    kept = [info for info in store.list_backups() if info.path != manual]
    assert manual.exists()
    assert made == 150 and len(kept) == 5, [info.created for info in kept]
    hours = sorted({info.created.astimezone().hour for info in kept})
    assert hours == [8, 9, 10, 11, 12]
    assert kept[0].created == clock.now - dt.timedelta(minutes=2), "the newest is kept"


def test_damaged_backup_is_listed_as_not_ok(store, paths):
    store.create(new_tender("D-1"))
    good = store.backup("good")
    bad = paths.backups / good.name.replace("-good.", "-bad.")
    bad.write_bytes(good.read_bytes()[:2048])
    states = {info.reason: info.ok for info in store.list_backups()}
    assert states == {"good": True, "bad": False}
    assert not store.doctor().ok


def test_restore_replaces_the_database_and_keeps_the_old_one(paths, clock):
    with TenderStore.open(paths, now=clock) as store:
        original = store.create(full_tender("KEEP-ME"))
        backup = store.backup("manual")
        clock.advance(hours=1)
        store.create(new_tender("MADE-LATER"))
        store.delete("KEEP-ME")
    old_bytes = paths.database.read_bytes()

    old_place = restore_backup(paths, backup)
    assert old_place is not None and old_place.read_bytes() == old_bytes
    assert old_place.parent == paths.backups / "replaced"
    with TenderStore.open(paths, now=clock) as store:
        before_restore = [info for info in store.list_backups() if info.reason == "before-restore"]
        assert len(before_restore) == 1
        assert [s.reference for s in store.list_summaries()] == ["KEEP-ME"]
        assert_same_tender(store.get("KEEP-ME"), original)
        # The restore can itself be undone from the backup list.
        undo = before_restore[0].path
    restore_backup(paths, undo)
    with TenderStore.open(paths) as store:
        assert [s.reference for s in store.list_summaries()] == ["MADE-LATER"]


def test_restore_refuses_a_bad_backup_and_changes_nothing(store, paths):
    store.create(new_tender("STAY"))
    good = store.backup()
    store.close()
    before = paths.database.read_bytes()
    broken = paths.data_dir / "broken.sqlite3"
    broken.write_bytes(good.read_bytes()[:4096])
    with pytest.raises(StoreError, match="broken.sqlite3 cannot be restored: .*cut off"):
        restore_backup(paths, broken)
    stranger = paths.data_dir / "stranger.sqlite3"
    connection = sqlite3.connect(stranger)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="not one written by sv-desktop"):
        restore_backup(paths, stranger)
    assert paths.database.read_bytes() == before
    assert not list(paths.data_dir.glob(".restoring-*"))


def test_doctor_reports_on_a_healthy_store(store, paths):
    store.create(full_tender("DOC-1"))
    store.create(new_tender("DOC-2"))
    store.delete("DOC-2")
    store.backup()
    report = store.doctor()
    assert report.ok
    text = "\n".join(report.lines())
    assert "everything looks healthy" in text
    assert "Integrity check: ok" in text
    assert f"revision {head_revision()}" in text
    assert "1 (and 1 in the bin)" in text
    assert str(paths.database) in text
    assert str(paths.backups) in text


def test_doctor_finds_broken_links(store):
    store.create(full_tender("LINKS"))
    with store.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("DELETE FROM tender")
        raw.execute("PRAGMA foreign_keys=ON")
    report = store.doctor()
    assert not report.ok
    assert any(line.startswith("PROBLEM Links between tables") for line in report.lines())


def test_a_backup_cut_off_by_a_crash_is_never_listed_and_is_cleared_later(store, paths):
    store.create(new_tender("P-1"))
    good = store.backup("manual")
    abandoned = paths.backups / (good.name.replace("manual", "crashed") + ".partial")
    abandoned.write_bytes(good.read_bytes()[:1000])
    in_progress = paths.backups / (good.name.replace("manual", "running") + ".partial")
    in_progress.write_bytes(b"")
    hour_ago = time.time() - 3600
    os.utime(abandoned, (hour_ago, hour_ago))
    assert [info.path for info in store.list_backups()] == [good]
    store.backup("next")
    assert not abandoned.exists()
    assert in_progress.exists(), "a copy still being written by another backup is left alone"
