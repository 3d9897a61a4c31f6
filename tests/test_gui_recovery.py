"""Start-up with a damaged database: the manager is offered the newest good backup or an empty start,
and the damaged file is kept aside byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from sv_desktop import gui, store
from sv_desktop.paths import app_paths
from sv_desktop.services.errors import DatabaseProblem
from sv_desktop.services.tender_service import open_service


def _choose(monkeypatch, label_fragment: str) -> list[str]:
    """Answer the recovery question by pressing the button whose text contains `label_fragment`."""
    seen: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box.text() + " " + box.informativeText())
        for button in box.buttons():
            if label_fragment in button.text().replace("&", ""):
                button.click()
                return 0
        raise AssertionError(f"no button {label_fragment!r} among {[b.text() for b in box.buttons()]}")

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


@pytest.fixture
def damaged_with_backup(tmp_path, qapp):
    data = tmp_path / "data"
    service = open_service(data)
    tender = service.create(service.new_tender("Catering for inpatient wards", "goods_services"))
    service.backup()
    service.close()
    garbage = os.urandom(16384)
    app_paths(data).database.write_bytes(garbage)
    return data, tender.reference, garbage


def _damaged_copies(data) -> list[bytes]:
    return [p.read_bytes() for p in app_paths(data).damaged.rglob("*") if p.is_file()]


def test_restore_the_newest_backup(monkeypatch, damaged_with_backup):
    data, reference, garbage = damaged_with_backup
    with pytest.raises(DatabaseProblem):
        open_service(data)
    seen = _choose(monkeypatch, "Restore newest backup")
    assert gui.recover_damaged(app_paths(data), "the file is not a database") is True
    assert "backup" in seen[0]
    service = open_service(data)
    try:
        assert [s.reference for s in service.list_tenders()] == [reference]
    finally:
        service.close()
    assert garbage in _damaged_copies(data)


def test_start_empty_keeps_the_damaged_file(monkeypatch, damaged_with_backup):
    data, _reference, garbage = damaged_with_backup
    _choose(monkeypatch, "Start empty")
    told: list[str] = []
    assert gui.recover_damaged(app_paths(data), "the file is not a database", told) is True
    [note] = told  # the manager is told where the damaged file is kept
    kept = Path(note.removeprefix("The damaged database is kept as ").rstrip("."))
    assert kept.read_bytes() == garbage
    service = open_service(data)
    try:
        assert service.list_tenders() == []
    finally:
        service.close()
    assert garbage in _damaged_copies(data)


def test_quit_changes_nothing(monkeypatch, damaged_with_backup):
    data, _reference, garbage = damaged_with_backup
    _choose(monkeypatch, "Quit")
    assert gui.recover_damaged(app_paths(data), "the file is not a database") is False
    assert app_paths(data).database.read_bytes() == garbage


def test_no_backup_offers_only_an_empty_start(monkeypatch, tmp_path, qapp):
    data = tmp_path / "data"
    data.mkdir()
    app_paths(data).database.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    assert store.newest_good_backup(app_paths(data)) is None
    seen = _choose(monkeypatch, "Start empty")
    assert gui.recover_damaged(app_paths(data), "the file is truncated") is True
    assert "no backup" in seen[0]
    service = open_service(data)
    service.close()


def test_a_healthy_file_is_never_moved_aside(monkeypatch, tmp_path, qapp):
    """Even if the question is asked about a file that turns out healthy, nothing is moved or emptied."""
    data = tmp_path / "data"
    service = open_service(data)
    tender = service.create(service.new_tender("Catering for inpatient wards", "goods_services"))
    service.close()
    warned: list[str] = []
    monkeypatch.setattr(gui, "_tell", lambda kind, title, text: warned.append(text))
    _choose(monkeypatch, "Start empty")
    assert gui.recover_damaged(app_paths(data), "a reason given earlier") is False
    assert warned and "not damaged" in warned[0]
    assert not app_paths(data).damaged.exists()
    service = open_service(data)
    try:
        assert [s.reference for s in service.list_tenders()] == [tender.reference]
    finally:
        service.close()
