"""Acceptance walk: the real app on a real SQLite file, every wizard page and every dialog reachable from
the main window and the wizard, each checked as a screen reader and keyboard user meets it.

Dialogs the app runs modally (`exec`) are intercepted: each is shown, checked, photographed and closed,
so the walk goes through the same menu actions and buttons a manager uses.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTabWidget, QWidget

from sv_desktop.demo import load_demo
from sv_desktop.model.lifecycle import Award, CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.model.tender import Kpi, Tender, ThemeChoice
from sv_desktop.ui.wizard.page_ids import PageId
from sv_desktop.ui.worker import wait_for_all

from .acceptance import audit, focus_chain, settle

SHOTS_ENV = "SV_DIALOG_SHOTS"
"""Set to a folder to keep the pictures of every dialog for review; otherwise they go to tmp_path."""


def delivery_contract(today: dt.date) -> Tender:
    """A contract in delivery with a KPI report overdue, an engagement log, results and a case study."""
    start = today - dt.timedelta(days=200)
    return Tender(
        reference="LPT-DEL-001", title="Pathology courier service", category="transport",
        value_excl_vat_gbp=Decimal(800_000), duration_months=24, social_value_weighting_pct=Decimal(10),
        themes=[ThemeChoice("fighting_climate_change", Decimal(10))],
        tender_notice_date=start - dt.timedelta(days=150), contract_start_date=start, stage="awarded",
        kpis=[Kpi(name="Electric vans", unit="%", target="80", frequency="quarterly")],
        leads={"procurement_lead": "Priya Patel"},
        engagement=[EngagementEvent("Market day", start - dt.timedelta(days=200),
                                    [Supplier("Swift Couriers", "LE1 7RH", sme=True)], "Good interest")],
        award=Award(Supplier("Swift Couriers", "LE1 7RH", sme=True), start - dt.timedelta(days=30),
                    Decimal(780_000), "Zero-emission vans from year one"),
        kpi_results=[KpiResult("Electric vans", start, start + dt.timedelta(days=89), result="40%",
                               reported_on=start + dt.timedelta(days=95))],
        case_studies=[CaseStudy("First electric route", "The first route went electric.", "fighting_climate_change",
                                start + dt.timedelta(days=60))],
    )


@pytest.fixture
def app_service(tmp_path):
    """The real service on a real SQLite file, with the worked examples, a contract in delivery, a
    tender in the bin and a backup, so every dialog has something to show."""
    from sv_desktop.services.tender_service import open_service

    service = open_service(data_dir=tmp_path / "data")
    load_demo(service)
    service.create(delivery_contract(service.today()))
    binned = service.create(service.new_tender("Tender that was deleted", "transport"))
    service.delete(binned.reference)
    service.backup()
    yield service
    wait_for_all()
    service.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def activate(qtbot, window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    settle()


def check_dialog(qtbot, dialog: QWidget, shots: Path, name: str) -> None:
    """Audit a shown dialog (each tab of each tab widget in turn) and keep its picture."""
    activate(qtbot, dialog)
    tabs = [t for t in dialog.findChildren(QTabWidget) if t.isVisible()]
    audit(dialog)
    picture = dialog.grab()
    assert not picture.isNull() and picture.width() > 100
    picture.save(str(shots / f"{name}.png"))
    for widget in tabs:
        for index in range(widget.count()):
            widget.setCurrentIndex(index)
            settle()
            audit(dialog)
            dialog.grab().save(str(shots / f"{name}-tab{index + 1}.png"))
        widget.setCurrentIndex(0)


@pytest.fixture
def modal_dialogs(monkeypatch, qtbot, shots):
    """Every dialog the app runs with exec() is checked and closed instead of blocking the test."""
    checked: list[str] = []

    def fake_exec(dialog):
        name = dialog.windowTitle() or type(dialog).__name__
        check_dialog(qtbot, dialog, shots, name.replace(" ", "-").lower())
        checked.append(name)
        dialog.reject()
        return QDialog.DialogCode.Rejected.value

    def fake_about(parent, title, text):
        # QMessageBox.about runs its box inside Qt; the same box, built here, is checked instead.
        box = QMessageBox(QMessageBox.Icon.NoIcon, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
        fake_exec(box)

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "about", staticmethod(fake_about))
    return checked


@pytest.fixture
def main_window(qtbot, app_service):
    from sv_desktop.ui.main_window import MainWindow

    def settle_wizards(window):
        for wizard in list(window.wizards):
            wizard.autosaver.flush()
        dialog = window.lifecycle.dialog
        if dialog is not None and hasattr(dialog, "dirty"):
            dialog.dirty = False

    window = MainWindow(app_service)
    qtbot.addWidget(window, before_close_func=settle_wizards)
    window.resize(1366, 768)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: window.lifecycle.reminder_button.isVisible(), timeout=10_000)
    return window


def test_main_window_is_named_labelled_and_in_visual_order(qtbot, main_window, shots):
    chain = audit(main_window)
    bar = main_window.lifecycle.bar
    order = [w for w in chain if w is main_window.search or bar.isAncestorOf(w) or w is main_window.table]
    assert order[0] is main_window.search and order[-1] is main_window.table, "search, filters, then the list"
    assert main_window.lifecycle.reminder_button in chain
    main_window.grab().save(str(shots / "main-window.png"))


def test_every_dialog_from_the_main_window(qtbot, main_window, modal_dialogs, shots):
    window = main_window
    for action in (window.settings_action, window.bin_action, window.restore_action, window.doctor_action,
                   window.help_action, window.about_action):
        action.trigger()
        activate(qtbot, window)
    assert modal_dialogs == ["Settings", "Bin", "Restore a backup", "Database check", "sv-desktop help",
                             "About sv-desktop"]

    window.select("LPT-DEL-001")
    tools = window.lifecycle
    for action, name in ((tools.roles_action, "roles"), (tools.engagement_action, "engagement"),
                         (tools.delivery_action, "award-and-delivery"), (tools.reminders_action, "kpi-reports-due"),
                         (tools.report_action, "compliance-report")):
        action.trigger()
        dialog = tools.dialog
        assert dialog is not None and dialog.isVisible(), name
        qtbot.waitUntil(lambda d=dialog: not hasattr(d, "_task") or d._task is None or d._task.done, timeout=10_000)
        check_dialog(qtbot, dialog, shots, name)
        if hasattr(dialog, "dirty"):
            dialog.dirty = False
        dialog.reject()
        wait_for_all()
        activate(qtbot, window)


def test_every_wizard_page_and_its_dialogs(qtbot, main_window, modal_dialogs, shots):
    window = main_window
    window.select("LPT-DEL-001")
    opened = len(window.wizards)
    window.open_action.trigger()
    qtbot.waitUntil(lambda: len(window.wizards) > opened, timeout=10_000)  # read off the UI thread
    wizard = window.wizards[-1]
    wizard.resize(1366, 768)
    activate(qtbot, wizard)
    for page_id in PageId:
        wizard.go_to(page_id)
        page = wizard.page(page_id)
        if page_id == PageId.THEMES:
            page.boxes["wellbeing"].setChecked(True)
        if page_id == PageId.WEIGHTING:
            page.questions.add_own()  # the selected question's form is enabled
        if page_id == PageId.REQUIREMENTS:
            page.kpis.table.setCurrentCell(0, 0)  # the selected KPI's form is enabled
        settle()
        page.scroll_area.widget().resize(page.scroll_area.widget().sizeHint())
        settle()
        chain = focus_chain(wizard)
        on_page = [w for w in chain if page.isAncestorOf(w)]
        assert len(on_page) >= 3, page_id.name
        audit(wizard, order=on_page, origin=page)
        outside = [w for w in chain if not page.isAncestorOf(w)]
        assert chain[0] is wizard.sidebar and wizard.close_button in outside
        wizard.grab().save(str(shots / f"wizard-step-{page_id + 1}.png"))
        if page_id == PageId.THEMES:
            for index in range(page.tabs.count()):
                page.tabs.setCurrentIndex(index)
                settle()
                audit(wizard, order=[w for w in focus_chain(wizard) if page.isAncestorOf(w)], origin=page)
    wizard.go_to(PageId.WEIGHTING)
    wizard.page(PageId.WEIGHTING).questions.bank_button.click()
    wizard.go_to(PageId.REQUIREMENTS)
    wizard.page(PageId.REQUIREMENTS).kpis.library_button.click()
    assert modal_dialogs == ["Add questions from the bank", "Add KPIs from the library"]
    activate(qtbot, wizard)
    wizard.show_help()
    settle()
    assert wizard.help_panel.hasFocus() and "Help" in wizard.help_dock.windowTitle()
    audit(wizard, order=[])


def test_state_is_never_given_by_colour_alone(qtbot, main_window):
    """Step states, field problems, findings and the list's policy check all carry words, not only colour."""
    window = main_window
    table = window.table
    model = table.model()
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal)
                  == "Policy check")
    texts = {model.index(r, column).data() for r in range(model.rowCount())}
    assert texts <= {"Compliant", "Not compliant", "Not checked"} and texts
    window.select("LPT-DEL-001")
    opened = len(window.wizards)
    window.open_action.trigger()
    qtbot.waitUntil(lambda: len(window.wizards) > opened, timeout=10_000)
    wizard = window.wizards[-1]
    activate(qtbot, wizard)
    for row in range(wizard.sidebar.count()):
        spoken = wizard.sidebar.item(row).data(Qt.ItemDataRole.AccessibleTextRole)
        assert wizard.sidebar.state_text(row) in spoken and wizard.sidebar.state_text(row)
    details = wizard.page(PageId.DETAILS)
    details.value.edit.setText("-5")
    details.value.edit.textEdited.emit("-5")
    message = details.value.message
    assert message.isVisible() and message.text().startswith("The value cannot be negative")
    assert details.value.edit.accessibleDescription() == message.text()
    icon = message.findChildren(type(details.title_label))[0]
    assert icon.pixmap() is not None and not icon.pixmap().isNull(), "the problem has an icon beside its words"
    summary = wizard.findings_panel.summary.text()
    assert summary.split(":")[0] in ("Policy-compliant", "Not policy-compliant")
    assert "Blocker:" in wizard.findings_panel.list.text() or "Requirement:" in wizard.findings_panel.list.text()
    details.value.set_value(details.value.value())
    QApplication.processEvents()
