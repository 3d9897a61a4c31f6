"""Start-up against everything a data folder can hold: each case gives its clear outcome and loses nothing."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest
from store_helpers import full_tender

from sv_desktop.model.tender import new_tender
from sv_desktop.paths import app_paths
from sv_desktop.store import (
    DatabaseDamagedError,
    NewerSchemaError,
    StoreError,
    TenderStore,
    move_damaged_aside,
    newest_good_backup,
    restore_backup,
)


def _filled_database(paths, count: int = 8) -> bytes:
    with TenderStore.open(paths) as store:
        for i in range(count):
            store.create(full_tender(f"FILL-{i}"))
    return paths.database.read_bytes()


def _assert_damaged_and_kept(paths, reason_words: str) -> None:
    before = paths.database.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        TenderStore.open(paths)
    assert caught.value.path == paths.database
    assert reason_words in caught.value.reason
    assert "damaged" in str(caught.value) and "\n" not in str(caught.value)
    assert paths.database.read_bytes() == before, "a damaged file must not be touched"
    moved = move_damaged_aside(paths)
    assert moved.parent == paths.damaged
    assert moved.read_bytes() == before
    assert not paths.database.exists()
    with TenderStore.open(paths) as fresh:  # "start empty"
        assert fresh.list_summaries() == []


def test_missing_folder_is_created_for_the_user_only(tmp_path):
    paths = app_paths(tmp_path / "not" / "yet" / "there")
    with TenderStore.open(paths) as store:
        store.create(new_tender("FIRST"))
    assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600


def test_truncated_file(paths):
    data = _filled_database(paths)
    page = int.from_bytes(data[16:18], "big")
    assert len(data) > 8 * page
    paths.database.write_bytes(data[: (len(data) // page // 2) * page])  # cut on a page boundary
    _assert_damaged_and_kept(paths, "cut off")


def test_file_cut_in_the_middle_of_a_page(paths):
    data = _filled_database(paths)
    paths.database.write_bytes(data[: len(data) // 2 + 123])
    _assert_damaged_and_kept(paths, "cut off")


def test_random_bytes(paths):
    paths.database.write_bytes(os.urandom(50_000))
    _assert_damaged_and_kept(paths, "not a database")


def test_short_garbage(paths):
    paths.database.write_bytes(b"hello")
    _assert_damaged_and_kept(paths, "not a database")


def test_pages_overwritten_in_the_middle(paths):
    data = bytearray(_filled_database(paths, count=12))
    page = int.from_bytes(data[16:18], "big")
    for number in range(2, len(data) // page - 1, 2):
        data[number * page: number * page + 64] = os.urandom(64)
    paths.database.write_bytes(bytes(data))
    _assert_damaged_and_kept(paths, "")


def test_someone_elses_sqlite_file(paths):
    connection = sqlite3.connect(paths.database)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    _assert_damaged_and_kept(paths, "not one written by sv-desktop")


def test_empty_file_after_backups_existed_is_damage(paths):
    with TenderStore.open(paths) as store:
        store.create(new_tender("ONE"))
        store.backup()
    paths.database.write_bytes(b"")
    _assert_damaged_and_kept(paths, "empty")


def test_empty_file_in_a_new_folder_is_a_new_database(paths):
    paths.database.write_bytes(b"")
    with TenderStore.open(paths) as store:
        assert store.list_summaries() == []


def test_newer_schema_is_refused_and_the_file_left_untouched(paths):
    with TenderStore.open(paths) as store:
        store.create(new_tender("FUTURE"))
    connection = sqlite3.connect(paths.database)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    before = paths.database.read_bytes()
    listing = sorted(p.name for p in paths.data_dir.rglob("*"))

    with pytest.raises(NewerSchemaError) as caught:
        TenderStore.open(paths)
    assert caught.value.revision == "9999_from_the_future"
    assert "newer version of sv-desktop" in str(caught.value)
    assert paths.database.read_bytes() == before
    assert sorted(p.name for p in paths.data_dir.rglob("*")) == listing, "no backup or side file written"


def test_data_folder_blocked_by_a_file(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="part of that path is a file"):
        TenderStore.open(app_paths(blocker / "data"))
    with pytest.raises(StoreError, match="a file of that name is in the way"):
        TenderStore.open(app_paths(blocker))
    assert blocker.read_text() == "not a folder"


@contextlib.contextmanager
def _unprivileged():
    """Act as a user who cannot write the folder. Root writes everywhere, so as root the effective user
    becomes 'nobody' for the duration (the real user stays root, so it can switch back)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
@pytest.mark.parametrize("with_database", [False, True])
def test_read_only_folder(with_database, tmp_path):
    TenderStore.open(app_paths(tmp_path / "warm-up")).close()  # every module imported before switching user
    # Outside pytest's own tmp folder, whose 0700 parents would stop the unprivileged user at the door.
    with tempfile.TemporaryDirectory() as outer:
        os.chmod(outer, 0o755)
        folder = Path(outer) / "data"
        folder.mkdir()
        before = b""
        if with_database:
            with TenderStore.open(app_paths(folder)) as store:
                store.create(new_tender("READ-ONLY"))
            os.chmod(folder / "sv-desktop.sqlite3", 0o644)
            before = (folder / "sv-desktop.sqlite3").read_bytes()
        os.chmod(folder, 0o555)
        try:
            with _unprivileged(), pytest.raises(StoreError) as caught:
                TenderStore.open(app_paths(folder))
        finally:
            os.chmod(folder, 0o755)
        message = str(caught.value)
        assert message.startswith("sv-desktop cannot write to its data folder"), message
        assert "permission denied" in message
        assert sorted(p.name for p in folder.iterdir()) == (["sv-desktop.sqlite3"] if with_database else [])
        if with_database:
            assert (folder / "sv-desktop.sqlite3").read_bytes() == before


def test_recovery_from_damage_with_the_newest_good_backup(paths, clock):
    with TenderStore.open(paths, now=clock) as store:
        store.create(full_tender("SAFE-1"))
        store.backup("manual")
        clock.advance(minutes=5)
        store.create(new_tender("AFTER-BACKUP"))
    paths.database.write_bytes(paths.database.read_bytes()[:3000])
    with pytest.raises(DatabaseDamagedError):
        TenderStore.open(paths)

    good = newest_good_backup(paths)
    assert good is not None
    damaged_before = paths.database.read_bytes()
    old_place = restore_backup(paths, good)
    assert old_place is not None and old_place.parent == paths.damaged
    assert old_place.read_bytes() == damaged_before
    with TenderStore.open(paths) as store:
        assert [s.reference for s in store.list_summaries()] == ["SAFE-1"]
        assert store.get("SAFE-1").description == full_tender().description


def test_damage_found_while_running_is_reported_as_damage(paths):
    store = TenderStore.open(paths)
    try:
        for i in range(12):
            store.create(full_tender(f"RUN-{i}"))
        store.engine.dispose()  # everything folded into the file, no page cached in memory
        data = bytearray(paths.database.read_bytes())
        page = int.from_bytes(data[16:18], "big")
        for number in range(1, len(data) // page):
            data[number * page: number * page + 16] = b"\xff" * 16
        paths.database.write_bytes(bytes(data))
        with pytest.raises(DatabaseDamagedError) as caught:
            store.get("RUN-3")
        assert caught.value.path == paths.database
    finally:
        store.close()
