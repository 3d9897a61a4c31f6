"""The portal workbook button on the review step, on a real service and a real SQLite file."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from sv_desktop.demo import load_demo
from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.wizard.page_ids import PageId
from sv_desktop.ui.wizard.portal_export import PortalProfileDialog

from .conftest import answer


@pytest.fixture
def real_service(tmp_path):
    service = open_service(tmp_path / "data")
    load_demo(service)
    yield service
    service.close()


def _choose(monkeypatch, profile: str, path, file_filter: str) -> list[tuple]:
    asked: list[tuple] = []

    def exec_(dialog):
        dialog.profile.setCurrentIndex(dialog.profile.findData(profile))
        return QDialog.DialogCode.Accepted

    def save(*args, **kwargs):
        asked.append(args)
        return str(path), file_filter

    monkeypatch.setattr(PortalProfileDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    return asked


def test_portal_button_writes_the_chosen_layout_off_the_ui_thread(qtbot, real_service, open_wizard,
                                                                  monkeypatch, tmp_path):
    wizard = open_wizard(real_service, real_service.get("LPT-2027-014"))
    wizard.go_to(PageId.REVIEW)
    page = wizard.page(PageId.REVIEW)
    target = tmp_path / "portal"
    asked = _choose(monkeypatch, "proactis-webprocure", target, "CSV, comma-separated (*.csv)")
    qtbot.mouseClick(page.portal_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "portal.csv"
    qtbot.waitUntil(written.exists, timeout=5000)
    qtbot.waitUntil(lambda: "Saved the portal workbook" in page.last_export.text(), timeout=5000)
    assert "Excel workbook (*.xlsx)" in asked[0][3] and "(*.csv)" in asked[0][3]
    with open(written, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["Section", "Section Description", "Section Weight"]
    assert len(rows) - 1 == len(real_service.get("LPT-2027-014").questions)
    assert str(wizard.exporter.settings.value("export/portal_profile")) == "proactis-webprocure"


def test_portal_export_asks_before_replacing_a_file(qtbot, real_service, open_wizard, monkeypatch, tmp_path):
    wizard = open_wizard(real_service, real_service.get("LPT-2027-021"))
    wizard.go_to(PageId.REVIEW)
    page = wizard.page(PageId.REVIEW)
    target = tmp_path / "kept.xlsx"
    target.write_text("keep me")
    _choose(monkeypatch, "neutral", target, "Excel workbook (*.xlsx)")
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.portal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "already exists" in asked[0]
    assert target.read_text() == "keep me"
