"""Fixtures for the UI tests: a fake service for single pages, the real service on a real SQLite file
for everything that saves, and dialogs that can never block a headless run."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from .fake_service import FakeService


@pytest.fixture
def fake_service(tmp_path):
    return FakeService(tmp_path / "fake-data")


@pytest.fixture
def real_service(tmp_path):
    from sv_desktop.services.tender_service import open_service

    service = open_service(data_dir=tmp_path / "data")
    yield service
    service.close()


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """Any message box a test did not expect fails the test instead of waiting for a click."""
    asked: list[tuple[str, str]] = []

    def unexpected(kind):
        def box(parent, title, text, *args, **kwargs):
            asked.append((kind, title))
            raise AssertionError(f"unexpected QMessageBox.{kind}: {title}: {text}")
        return box

    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(unexpected(kind)))
    yield asked


@pytest.fixture(autouse=True)
def flush_deleted_widgets(qapp):
    yield
    for widget in QApplication.topLevelWidgets():
        widget.hide()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def answer(monkeypatch, kind: str, reply=QMessageBox.StandardButton.Yes) -> list[str]:
    """Let QMessageBox.<kind> be asked; it answers `reply` and records the texts it was shown."""
    shown: list[str] = []

    def box(parent, title, text, *args, **kwargs):
        shown.append(f"{title}: {text}")
        return reply

    monkeypatch.setattr(QMessageBox, kind, staticmethod(box))
    return shown


@pytest.fixture
def open_wizard(qtbot):
    """Build a wizard window for a service and a tender, shown at the target screen size."""
    from sv_desktop.ui.window_state import ui_settings
    from sv_desktop.ui.wizard.wizard_window import TenderWizard

    def settle(wizard):
        # Leave nothing half-typed or unsaved, so closing at teardown asks no questions.
        wizard.autosaver.timer.stop()
        wizard.check_timer.stop()
        wizard.autosaver.dirty = False
        wizard.autosaver.conflicted = False
        for page in wizard.pages:
            page.load(wizard.tender)

    def make(service, tender):
        wizard = TenderWizard(service, tender, ui_settings(service))
        qtbot.addWidget(wizard, before_close_func=settle)
        wizard.resize(1366, 768)
        wizard.show()
        wizard.activateWindow()
        qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
        return wizard

    return make


@pytest.fixture
def open_main(qtbot):
    """The main window for a service, shown and active; its tender windows are settled at teardown."""
    from sv_desktop.ui.main_window import MainWindow

    def settle(window):
        for wizard in list(window.wizards):
            wizard.autosaver.timer.stop()
            wizard.check_timer.stop()
            for page in wizard.pages:
                page.load(wizard.tender)

    def make(service):
        window = MainWindow(service)
        qtbot.addWidget(window, before_close_func=settle)
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    return make


@pytest.fixture(autouse=True)
def supplier_previews(monkeypatch):
    """The preview of supplier-facing text before an export answers "Export" and records what it listed."""
    from sv_desktop.ui.wizard.supplier_preview import SupplierTextPreview

    shown: list[list[tuple[str, str]]] = []

    def ask(parent, texts, noun):
        shown.append(list(texts))
        return True

    monkeypatch.setattr(SupplierTextPreview, "ask", staticmethod(ask))
    return shown
