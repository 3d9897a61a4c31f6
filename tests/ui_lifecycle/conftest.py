"""Fixtures for the lifecycle screens: the real service on a real SQLite file with a clock the test sets,
dialogs that can never block a headless run, and a way to answer the file dialogs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sv_desktop.model.tender import Kpi, Tender, ThemeChoice
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import TenderService
from sv_desktop.settings import load_settings
from sv_desktop.store import TenderStore
from sv_desktop.ui.worker import wait_for_all

TODAY = dt.date(2026, 11, 25)


class DayClock:
    def __init__(self, day: dt.date = TODAY) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def day_clock():
    return DayClock()


@pytest.fixture
def service(data_dir, day_clock):
    paths = app_paths(data_dir)
    opened = TenderService(TenderStore.open(paths), load_settings(paths), clock=day_clock)
    yield opened
    wait_for_all()
    opened.close()


def contract(reference: str = "LPT-2026-001", **changes) -> Tender:
    """A contract in delivery since 1 July 2026 with a quarterly KPI."""
    values = dict(reference=reference, title="Pathology courier service", category="transport",
                  value_excl_vat_gbp=Decimal(800_000), duration_months=24, social_value_weighting_pct=Decimal(10),
                  themes=[ThemeChoice("fighting_climate_change", Decimal(10))],
                  tender_notice_date=dt.date(2026, 2, 1), contract_start_date=dt.date(2026, 7, 1),
                  stage="awarded", kpis=[Kpi(name="Electric vans", frequency="quarterly")],
                  leads={"procurement_lead": "Priya Patel"})
    values.update(changes)
    return Tender(**values)


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """Any message box a test did not expect fails the test instead of waiting for a click."""
    def unexpected(kind):
        def box(parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected QMessageBox.{kind}: {title}: {text}")
        return box

    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(unexpected(kind)))


@pytest.fixture(autouse=True)
def flush_deleted_widgets(qapp, monkeypatch):
    """Every window a test hands to qtbot is deleted by Qt at teardown (closed, then its deferred delete
    sent), never by Python's cycle collector in the middle of a later test: the test keeps it until then.
    (A window collected by Python takes with it the objects PySide tied to it, which Qt deletes again.)"""
    kept: list[QWidget] = []
    add_widget = QtBot.addWidget

    def keep(bot, widget, *, before_close_func=None):
        kept.append(widget)
        add_widget(bot, widget, before_close_func=before_close_func)

    monkeypatch.setattr(QtBot, "addWidget", keep)
    yield
    wait_for_all()
    QCoreApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        widget.hide()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    kept.clear()


def answer(monkeypatch, kind: str, reply=QMessageBox.StandardButton.Yes) -> list[str]:
    """Let QMessageBox.<kind> be asked; it answers `reply` and records what it was shown."""
    shown: list[str] = []

    def box(parent, title, text, *args, **kwargs):
        shown.append(f"{title}: {text}")
        return reply

    monkeypatch.setattr(QMessageBox, kind, staticmethod(box))
    return shown


def save_as(monkeypatch, path, chosen_filter: str = "") -> list[str]:
    """QFileDialog.getSaveFileName answers `path`; returns the captions it was asked with."""
    asked: list[str] = []

    def dialog(parent, caption, directory="", file_filter="", *args, **kwargs):
        asked.append(caption)
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return asked


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


def settle_dialog(dialog) -> None:
    """Before a test's dialog is closed at teardown: drop what is waiting and leave no entry to put right, so
    closing asks nothing (a question box at teardown would fail the test run)."""
    dialog.dirty = False
    dialog._apply = lambda: None
