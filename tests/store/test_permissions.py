"""The data folder is 0700 and every file sv-desktop writes in it 0600, even under the usual umask 022:
the database with its -wal/-shm, backups, settings, the log, the lock and Qt's window-state file."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sv_desktop import gui
from sv_desktop.logging_setup import LOGGER, setup_logging
from sv_desktop.services.tender_service import open_service

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions (Windows uses the profile ACL)")
ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _modes(folder: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def _private(folder: Path) -> list[str]:
    """Everything that is not user-only (folders 0700, files 0600)."""
    wrong = []
    for name, mode in _modes(folder).items():
        path = folder / name
        wanted = "0o700" if path.is_dir() else "0o600"
        if mode != wanted:
            wrong.append(f"{name} {mode}")
    return wrong


def test_everything_written_is_user_only_under_umask_022(tmp_path):
    data = tmp_path / "data"
    with umask(0o022):
        service = open_service(data)
        try:
            service.settings.database_url = ""
            service.save_settings()
            service.create(service.new_tender("Laundry service", "goods_services"))
            service.backup()
            setup_logging(data)
            logging.getLogger(LOGGER).info("a line")
            names = {path.name for path in data.iterdir()}
            assert {"sv-desktop.sqlite3-wal", "sv-desktop.sqlite3-shm"} <= names, names
            assert _private(data) == []
        finally:
            service.close()
            logger = logging.getLogger(LOGGER)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
                handler.close()
    assert {"settings.json", "sv-desktop.sqlite3", "logs/sv-desktop.log"} <= set(_modes(data))
    assert _private(data) == []


def test_the_app_leaves_its_folder_user_only_under_umask_022(tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{gui.EXIT_WHEN_IDLE_ENV: "1"})
    done = subprocess.run([sys.executable, "-m", "sv_desktop", "--data-dir", str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.umask(0o022))
    assert done.returncode == 0, done.stderr
    written = set(_modes(data))
    assert {"sv-desktop.sqlite3", "logs/sv-desktop.log", "window-state.ini"} <= written, written
    assert _private(data) == []


def test_a_folder_left_open_by_an_older_version_is_made_user_only(tmp_path):
    data = tmp_path / "data"
    with umask(0o022):
        data.mkdir()
        (data / "settings.json").write_text('{"organisation": "Leicestershire Partnership NHS Trust"}')
        (data / "backups").mkdir()
        (data / "backups" / "notes.txt").write_text("kept")
        os.symlink("/etc/hostname", data / "a-link")
    assert _modes(data)["settings.json"] == "0o644"
    service = open_service(data, backup=False)
    service.close()
    modes = _modes(data)
    assert modes["."] == "0o700" and modes["settings.json"] == "0o600"
    assert modes["backups"] == "0o700" and modes["backups/notes.txt"] == "0o600"
    assert oct(stat.S_IMODE(Path("/etc/hostname").stat().st_mode)) != "0o600", "a link is never followed"
