"""Once the list shows, the app empties the bin of tenders deleted more than 30 days ago (off the UI thread)
and then takes its start-up backup."""

from __future__ import annotations

import datetime as dt

from sv_desktop import gui
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import open_service
from sv_desktop.store import TenderStore
from sv_desktop.ui.main_window import MainWindow
from sv_desktop.ui.worker import wait_for_all


def test_the_bin_is_emptied_of_tenders_deleted_over_30_days_ago_at_start_up(qtbot, tmp_path):
    data_dir = tmp_path / "data"
    service = open_service(data_dir)
    old = service.create(service.new_tender("Deleted long ago", "goods_services"))
    recent = service.create(service.new_tender("Deleted a while ago", "goods_services"))
    kept = service.create(service.new_tender("Still in use", "goods_services"))
    service.close()
    now = dt.datetime.now(dt.UTC)
    for reference, days in ((old.reference, 31), (recent.reference, 29)):
        # A fake clock for the deletion: the tender was binned `days` ago.
        with TenderStore.open(app_paths(data_dir), now=lambda days=days: now - dt.timedelta(days=days)) as store:
            store.delete(reference)

    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    startup = gui.Startup(window, data_dir, None, [].append)
    try:
        with qtbot.waitSignal(window.loaded, timeout=20_000):
            startup.begin()
        wait_for_all()
        assert [row.reference for row in window.service.list_bin()] == [recent.reference]
        assert [row.reference for row in window.service.list_tenders()] == [kept.reference]
        assert not window.service.reference_taken(old.reference), "gone for good, not just hidden"
    finally:
        startup.close()
