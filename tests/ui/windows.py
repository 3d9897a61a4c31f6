"""Every window a manager can see, one after another, filled with the worked examples: the main window,
each step of the wizard and every dialog. Shared by the layout probe and the keyboard tests.

`every_window(service, size)` yields (name, window) with the window shown as the app shows it (the main
window and the wizard at `size` when given); the window is closed when the caller asks for the next one.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from sv_desktop.demo import load_demo
from sv_desktop.i18n import _


def settle(rounds: int = 4) -> None:
    for _round in range(rounds):
        QApplication.processEvents()


def _fit(window: QWidget, size: tuple[int, int] | None, dialog: bool) -> None:
    """Show a window as the app would; `size` resizes the main window and the wizard (a window the
    manager made smaller), dialogs keep the size they choose."""
    if size is not None and not dialog:
        window.resize(*size)
    window.show()
    settle()


def _close(window: QWidget) -> None:
    if hasattr(window, "dirty"):
        window.dirty = False
    if hasattr(window, "autosaver"):
        window.autosaver.timer.stop()
        window.autosaver.dirty = False
    if hasattr(window, "check_timer"):  # the tender window
        window.check_timer.stop()
        for page in window.pages:
            page.load(window.tender)
    elif hasattr(window, "_apply"):  # a lifecycle dialog: close without asking about unfinished entries
        window._apply = lambda: None
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    settle()


EVALUATED_EXAMPLE = "LPT-2026-017"
"""The worked example with its evaluation: three bidders, a panel of three, moderation closed."""


def prepared(service) -> str:
    """Load the worked examples; the reference of the one with the most on its pages."""
    load_demo(service)
    references = [s.reference for s in service.list_tenders()]
    richest = max(references, key=lambda r: (len(service.get(r).questions) + len(service.get(r).kpis), r))
    return richest


def in_delivery(service):
    """The awarded worked example with the longest contract, with actual spend recorded for its first year and
    for a year after it ends (as when a contract is shortened): the actual spend tab at its fullest."""
    from decimal import Decimal

    from sv_desktop.model.lifecycle import ActualSpend
    from sv_desktop.ui.lifecycle.spend_form import contract_years

    tenders = [service.get(s.reference) for s in service.list_tenders()]
    tender = max((t for t in tenders if t.stage == "awarded" and contract_years(t)),
                 key=lambda t: (len(contract_years(t)), t.reference))
    years = contract_years(tender)
    tender.award.actual_spend = [ActualSpend(years[0].year, Decimal("312456.78")),
                                 ActualSpend(years[-1].year + 2, Decimal(5000))]
    return tender


def every_window(service, size: tuple[int, int] | None = None) -> Iterator[tuple[str, QWidget]]:
    from sv_desktop.ui.bin_dialog import BinDialog
    from sv_desktop.ui.help_dialogs import HelpDialog
    from sv_desktop.ui.lifecycle.delivery import DeliveryDialog
    from sv_desktop.ui.lifecycle.engagement import EngagementDialog
    from sv_desktop.ui.lifecycle.reminders import RemindersDialog
    from sv_desktop.ui.lifecycle.report_dialog import ReportDialog
    from sv_desktop.ui.lifecycle.roles import RolesDialog
    from sv_desktop.ui.main_window import MainWindow
    from sv_desktop.ui.settings_dialog import SettingsDialog
    from sv_desktop.ui.tools_dialogs import RestoreBackupDialog, TextReportDialog
    from sv_desktop.ui.wizard.bank_picker import BankPicker
    from sv_desktop.ui.wizard.page_ids import PageId
    from sv_desktop.ui.wizard.wizard_window import TenderWizard

    reference = prepared(service)
    tender = service.get(reference)
    main = MainWindow(service)
    _fit(main, size, dialog=False)
    main.select(reference)
    yield "main window", main

    wizard = TenderWizard(service, tender, main.settings)
    _fit(wizard, size, dialog=False)
    for page_id in PageId:
        wizard.go_to(page_id, remember=False)
        page = wizard.page(page_id)
        if page_id == PageId.THEMES and "wellbeing" in getattr(page, "boxes", {}):
            page.boxes["wellbeing"].setChecked(True)
        settle()
        yield f"wizard step {page_id + 1} ({page_id.step})", wizard
    _close(wizard)
    _close(main)

    service.backup()
    themes = tender.theme_ids
    groups = [(service.content.theme_label(t), [(q.id, f"{q.title}: {q.text}", q.evaluation_guidance, False)
                                                for q in service.bank.questions_for(tender.category, t)])
              for t in themes]
    reminders = service.kpi_reminders() if hasattr(service, "kpi_reminders") else []
    dialogs = (
        ("bank picker", lambda: BankPicker(_("Add questions from the bank"), _("Tick the questions to add."),
                                           groups)),
        ("settings", lambda: SettingsDialog(service)),
        ("restore backup", lambda: RestoreBackupDialog(service.list_backups())),
        ("database check", lambda: TextReportDialog(_("Database check"), _("What was found."), service.doctor())),
        ("help", lambda: HelpDialog(service)),
        ("bin", lambda: BinDialog(service)),
        ("roles", lambda: RolesDialog(service, tender)),
        ("engagement", lambda: EngagementDialog(service, tender)),
        ("award and delivery", lambda: DeliveryDialog(service, tender)),
        ("award and delivery, in delivery", lambda: DeliveryDialog(service, in_delivery(service))),
        ("KPI reports due", lambda: RemindersDialog(reminders)),
        ("compliance report", lambda: ReportDialog(service)),
    )
    for name, build in dialogs:
        dialog = build()
        _fit(dialog, size, dialog=True)
        yield name, dialog
        _close(dialog)
    yield from evaluation_tabs(service, size)
    yield from bid_windows(service, size)


def example_bid(service):
    """The worked example bid (three questions answered from library commitments), imported: the bid windows at
    their fullest, with text the pseudo-locale check knows as data."""
    from sv_desktop.demo import load_demo_bids

    return service.get_bid(load_demo_bids(service)[0].reference)


def bid_windows(service, size: tuple[int, int] | None = None) -> Iterator[tuple[str, QWidget]]:
    """The bid window (each tab) and the commitment library."""
    from sv_desktop.ui.bids.bid_window import BidWindow
    from sv_desktop.ui.bids.library import CommitmentLibrary
    from sv_desktop.ui.worker import wait_for_all

    bid = example_bid(service)
    window = BidWindow(service, bid)
    _fit(window, size, dialog=True)
    wait_for_all()
    settle()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        wait_for_all()
        settle()
        yield f"bid, {window.tabs.tabText(index)}", window
    _close(window)
    library = CommitmentLibrary(service)
    _fit(library, size, dialog=True)
    wait_for_all()
    settle()
    yield "commitment library", library
    library.timer.stop()
    _close(library)


def evaluation_tabs(service, size: tuple[int, int] | None = None) -> Iterator[tuple[str, QWidget]]:
    """The evaluation dialog of the evaluated worked example, each tab in turn with a cell chosen."""
    from sv_desktop.ui.evaluation.dialog import EvaluationDialog
    from sv_desktop.ui.worker import wait_for_all

    if EVALUATED_EXAMPLE not in {s.reference for s in service.list_tenders()}:
        load_demo(service)
    dialog = EvaluationDialog(service, EVALUATED_EXAMPLE, service.get(EVALUATED_EXAMPLE).title)
    _fit(dialog, size, dialog=True)
    wait_for_all()
    settle()
    dialog.scores_tab.grid.setCurrentCell(0, 0)
    dialog.moderation_tab.table.setCurrentCell(1, 0)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        settle()
        yield f"evaluation, {dialog.tabs.tabText(index)}", dialog
    _close(dialog)
