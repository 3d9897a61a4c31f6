"""Exports replace only ordinary files: a read-only one only when the manager agrees (the command line
refuses it with a message, the app asks), and never a link, a device node or a pipe; a file name over 255
characters is one plain sentence."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sv_desktop.cli import EXIT_INPUT, main
from sv_desktop.services.tender_service import open_service

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and device nodes as POSIX makes them")
TENDER = {"format": "sv-desktop.tender", "format_version": 1, "reference": "EXP-1", "title": "Laundry",
          "category": "goods_services", "value_excl_vat_gbp": 400000, "duration_months": 36,
          "social_value_weighting_pct": 10, "themes": [{"theme": "fighting_climate_change", "weighting_pct": 10}]}


@pytest.fixture
def stored(data_dir, tmp_path, capsys):
    source = tmp_path / "in.svtender.json"
    source.write_text(json.dumps(TENDER), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    capsys.readouterr()
    return "EXP-1"


def _refused(capsys, *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == EXIT_INPUT, (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("command", [["export", "EXP-1"], ["pack", "EXP-1"], ["brief", "EXP-1"]])
def test_the_cli_refuses_to_replace_a_read_only_file(stored, tmp_path, capsys, command):
    suffix = ".svtender.json" if command[0] == "export" else ".pdf"
    target = tmp_path / f"kept{suffix}"
    target.write_bytes(b"the manager's own file")
    target.chmod(0o444)
    err = _refused(capsys, *command, "--out", str(target))
    assert "read-only" in err and "not replaced" in err
    assert target.read_bytes() == b"the manager's own file"
    assert list(tmp_path.glob(".kept*")) == [], "no temporary file left behind"


def test_a_link_is_never_replaced_nor_followed(stored, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not to be touched")
    link = tmp_path / "link.svtender.json"
    link.symlink_to(elsewhere)
    err = _refused(capsys, "export", "EXP-1", "--out", str(link))
    assert "link" in err
    assert link.is_symlink() and elsewhere.read_text() == "not to be touched"


def test_a_pipe_is_refused_at_once(stored, tmp_path, capsys):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    err = _refused(capsys, "pack", "EXP-1", "--out", str(fifo))
    assert "not an ordinary file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_node_is_refused(stored, tmp_path, capsys):
    device = Path(os.devnull)
    before = device.lstat()
    err = _refused(capsys, "export", "EXP-1", "--out", str(device))
    assert "not an ordinary file" in err
    after = device.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_file_name_over_255_characters_is_one_sentence(stored, tmp_path, capsys):
    long_name = "x" * 300 + ".pdf"
    err = _refused(capsys, "pack", "EXP-1", "--out", str(tmp_path / long_name))
    assert "too long" in err and "255" in err
    err = _refused(capsys, "export", "EXP-1", "--out", str(tmp_path / ("y" * 250 + ".svtender.json")))
    assert "too long" in err


def test_the_app_asks_before_replacing_a_read_only_file(qtbot, tmp_path, open_main_window, monkeypatch):
    window, service = open_main_window
    target = tmp_path / "kept.svtender.json"
    target.write_text("the manager's own file")
    target.chmod(0o444)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    asked: list[str] = []

    def reply(answer):
        def question(parent, title, text, *args, **kwargs):
            asked.append(f"{title}: {text}")
            return answer
        return staticmethod(question)

    monkeypatch.setattr(QMessageBox, "question", reply(QMessageBox.StandardButton.No))
    window.window_actions.export_file()
    assert asked and "read-only" in asked[-1]
    assert target.read_text() == "the manager's own file"

    monkeypatch.setattr(QMessageBox, "question", reply(QMessageBox.StandardButton.Yes))
    window.window_actions.export_file()
    qtbot.waitUntil(lambda: target.read_text().startswith("{"), timeout=5000)  # written off the UI thread
    assert json.loads(target.read_text())["reference"] == "EXP-1"
    assert "read-only" in asked[-1]
    assert not stat.S_IMODE(target.stat().st_mode) & 0o222, "the replacement is read-only as the file was"


@pytest.fixture
def open_main_window(qtbot, stored, data_dir):
    from sv_desktop.ui.main_window import MainWindow

    service = open_service(data_dir, backup=False)
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.selected_reference() is not None, timeout=10_000)
    yield window, service
    window.close()
    service.close()


@pytest.mark.parametrize("argv", [
    ["import", "{long}.svtender.json"], ["check", "{long}.svtender.json"], ["restore", "{long}.sqlite3"],
    ["--data-dir", "{tmp}/{long}", "list"], ["report", "--out", "{tmp}/{long}.pdf"],
])
def test_names_over_255_characters_anywhere_are_one_sentence(data_dir, tmp_path, capsys, argv):
    values = {"long": "z" * 300, "tmp": str(tmp_path)}
    code = main([part.format(**values) for part in argv])
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
