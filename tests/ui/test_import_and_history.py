"""The app's Import runs off the UI thread and always answers: a message for a bad file (a lone surrogate),
a question before overwriting a newer save; and the tender's history with "Restore this version"."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from .conftest import answer

SURROGATE = ('{"format": "sv-desktop.tender", "format_version": 1, "reference": "SUR-1", "title": "Bad \\ud800",'
             ' "category": "ddat", "value_excl_vat_gbp": 1, "duration_months": 1, "social_value_weighting_pct": 10,'
             ' "themes": [{"theme": "wellbeing", "weighting_pct": 10}]}')


def choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_import_of_a_lone_surrogate_gives_a_message(qtbot, real_service, open_main, monkeypatch, tmp_path):
    window = open_main(real_service)
    bad = tmp_path / "surrogate.svtender.json"
    bad.write_text(SURROGATE, encoding="utf-8")
    choose(monkeypatch, bad)
    warned = answer(monkeypatch, "warning", QMessageBox.StandardButton.Ok)
    window.window_actions.import_file()
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)
    assert "surrogate.svtender.json: title: contains a character that cannot be stored (U+D800" in warned[0]
    assert real_service.list_tenders() == []
    assert window.import_action.isEnabled()


def test_import_over_a_newer_save_asks_first(qtbot, real_service, open_main, monkeypatch, tmp_path):
    tender = real_service.create(real_service.new_tender("Laundry"))
    exported = real_service.export_file(tender, tmp_path / "laundry.svtender.json")
    tender.title = "Laundry (a colleague's save)"
    real_service.save(tender)
    window = open_main(real_service)
    choose(monkeypatch, exported)

    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    window.window_actions.import_file()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "after this file was exported" in asked[0]
    qtbot.wait(100)
    assert real_service.get(tender.reference).title == "Laundry (a colleague's save)"

    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    window.window_actions.import_file()
    qtbot.waitUntil(lambda: real_service.get(tender.reference).title == "Laundry", timeout=5000)
    assert len(asked) == 1
    qtbot.waitUntil(lambda: "Updated" in window.statusBar().currentMessage(), timeout=5000)


def test_history_dialog_shows_versions_and_restores_one(qtbot, real_service, open_main, monkeypatch):
    from sv_desktop.ui.history_dialog import HistoryDialog

    tender = real_service.create(real_service.new_tender("First title"))
    tender.title = "Second title"
    tender = real_service.save(tender)
    real_service.delete(tender.reference)
    real_service.restore_from_bin(tender.reference)
    window = open_main(real_service)
    assert window.select(tender.reference) and window.history_action.isEnabled()

    dialog = HistoryDialog(real_service, tender.reference, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4, timeout=5000)
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(4)]
    assert [r[2] for r in rows] == ["Restored from the bin", "Moved to the bin", "Saved", "Created"]
    assert all(r[1] and r[1] != "unknown" for r in rows)
    assert rows[2][3] == "title"
    dialog.table.selectRow(1)
    assert not dialog.restore_button.isEnabled()  # a move to the bin holds no copy
    dialog.table.selectRow(3)
    assert dialog.restore_button.isEnabled()
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.restored, timeout=5000):
        dialog.restore_button.click()
    assert asked and real_service.get(tender.reference).title == "First title"
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=5000)
    assert dialog.table.item(0, 2).text() == "An earlier version restored"
    assert dialog.table.item(0, 3).text() == "title"
