"""Start-up with a database another process holds: the app says it is in use and offers to try again or
quit, never to restore a backup or start empty, and nothing is moved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from sv_desktop import gui
from sv_desktop.model.tender import new_tender
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import open_service
from sv_desktop.store import busy
from sv_desktop.ui.main_window import MainWindow


@pytest.fixture
def held_folder(tmp_path, monkeypatch, holders):
    """A folder with one tender and a backup; `hold(mode)` makes another process hold its database."""
    data_dir = tmp_path / "data"
    service = open_service(data_dir)
    service.create(new_tender(service.suggest_reference(), "Laundry service"))
    service.backup()
    service.close()
    monkeypatch.setattr(busy, "RETRY_SECONDS", 0.0)
    monkeypatch.setattr(busy, "WAIT_SECONDS", 0.5)  # each connection waits half a second, not five

    def hold(mode: str, journal: str | None = None) -> None:
        holders.hold(app_paths(data_dir).database, mode, journal=journal)

    return data_dir, hold


def _answer(monkeypatch, *labels: str) -> list[str]:
    """Press, in turn, the buttons whose text contains each label; record every box's text and buttons."""
    seen: list[str] = []
    queue = list(labels)

    def fake_exec(box: QMessageBox) -> int:
        names = [button.text().replace("&", "") for button in box.buttons()]
        seen.append(f"{box.text()} | {' / '.join(names)}")
        label = queue.pop(0)
        for button in box.buttons():
            if label in button.text().replace("&", ""):
                button.click()
                return 0
        raise AssertionError(f"no button {label!r} among {names}")

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


@pytest.mark.parametrize("mode", ["exclusive-mode", "begin-exclusive"])
def test_a_held_database_is_in_use_and_quitting_moves_nothing(qtbot, held_folder, monkeypatch, mode):
    data_dir, hold = held_folder
    paths = app_paths(data_dir)
    # With WAL, readers pass a BEGIN EXCLUSIVE; with a rollback journal the hold is felt at once.
    hold(mode, "DELETE" if mode == "begin-exclusive" else None)
    before = paths.database.read_bytes()
    seen = _answer(monkeypatch, "Quit")
    exits: list[int] = []
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    startup = gui.Startup(window, data_dir, None, exits.append)
    try:
        startup.begin()
        qtbot.waitUntil(lambda: startup.failed, timeout=60_000)
    finally:
        startup.close()
    assert len(seen) == 1 and "in use" in seen[0] and "not damaged" in seen[0]
    assert "Try again" in seen[0] and "Restore" not in seen[0] and "Start empty" not in seen[0]
    assert exits == [1]
    assert not paths.damaged.exists() and not (paths.backups / "replaced").exists()
    assert paths.database.read_bytes() == before


def test_trying_again_once_the_holder_lets_go_opens_the_list(qtbot, held_folder, monkeypatch, holders):
    data_dir, hold = held_folder
    hold("exclusive-mode")
    holder_released: list[bool] = []

    def try_again_after_release(box: QMessageBox) -> int:
        assert "in use" in box.text()
        holders.release_all()
        holder_released.append(True)
        next(b for b in box.buttons() if "Try again" in b.text().replace("&", "")).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", try_again_after_release)
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    startup = gui.Startup(window, data_dir, None, [].append)
    try:
        with qtbot.waitSignal(window.loaded, timeout=60_000):
            startup.begin()
    finally:
        startup.close()
    assert holder_released == [True]
    assert window.model.rowCount() == 1
    assert not app_paths(data_dir).damaged.exists()
