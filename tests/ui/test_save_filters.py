"""Every save dialog opens with the file type of the name it suggests chosen, so the suggested
"Tender pipeline.xlsx" is not shown under "CSV files"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog

from sv_desktop.ui.file_filters import matching_filter
from sv_desktop.ui.lifecycle.report_dialog import ReportDialog

from .test_focus_chain import demo_tender


def test_matching_filter():
    filters = "CSV files (*.csv);;Excel workbooks (*.xlsx)"
    assert matching_filter(filters, "/x/Tender pipeline.xlsx") == "Excel workbooks (*.xlsx)"
    assert matching_filter(filters, "a.CSV") == "CSV files (*.csv)"
    assert matching_filter("Tender files (*.svtender.json);;All files (*)", "T-1.svtender.json").startswith("Tender")
    assert matching_filter(filters, "notes.txt") == ""


def test_every_save_dialog_offers_the_type_it_suggests(qtbot, real_service, open_main, monkeypatch):
    asked: list[tuple[str, str, str, str]] = []

    def dialog(parent, caption, directory="", file_filter="", selected_filter="", *args, **kwargs):
        asked.append((caption, directory, file_filter, selected_filter))
        return "", ""  # the manager cancels: nothing is written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    tender = demo_tender(real_service)
    window = open_main(real_service)
    window.select(tender.reference)
    window.lifecycle.export_pipeline()
    window.window_actions.export_file()
    wizard = window.open_wizard(real_service.get(tender.reference))
    for kind in ("pdf", "docx", "brief"):
        wizard.exporter.export(kind)
    report = ReportDialog(real_service)
    qtbot.addWidget(report)
    for kind in ("pdf", "xlsx"):
        report.choose_file(kind, (dt.date(2026, 4, 1), dt.date(2027, 3, 31)))
    assert len(asked) == 7
    for caption, directory, file_filter, selected in asked:
        shown = selected or file_filter.split(";;")[0]
        assert matching_filter(shown, directory) == shown, f"{caption}: {directory} offered under {shown}"
