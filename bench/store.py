"""The tender list with 10,000 tenders: the service's list and text filter against Python's sqlite3 running
the same query (`floor_store`), and one keystroke in the main window's search box until the table has
repainted.
"""

from __future__ import annotations

import time

from sv_desktop.paths import DATABASE_FILE

from .dataset import DataDirs
from .floor_store import capture_list_query, connect, run_query
from .harness import Result, alternate, median, percentile, ratio_goal, timed, value_goal

GOAL_RATIO = 3.0
KEYSTROKE_LIMIT_MS = 50.0
FILTER_TEXT = "leicester"
"""A place name: about one tender in five matches, as when a manager narrows the list to one area."""
TYPED = "leic"
PAINT_ATTEMPTS = 2
BACKSPACE = "\b"


def _list_result(name: str, service, connection, text: str, repeat: int) -> Result:
    query = capture_list_query(service, text)  # also warms the service: the statement is compiled and cached
    rows, floor_rows = service.list_tenders(text), run_query(connection, query)
    if len(rows) != len(floor_rows):
        raise RuntimeError(f"{name}: the service listed {len(rows)} tenders, sqlite3 {len(floor_rows)}")
    app_times, floor_times = alternate(repeat, lambda: timed(lambda: service.list_tenders(text)),
                                       lambda: timed(lambda: run_query(connection, query)))
    return ratio_goal(name, median(app_times) * 1000, median(floor_times) * 1000, "ms", GOAL_RATIO, repeat,
                      rows=len(rows), text=text)


def bench_store(data: DataDirs, count: int = 10_000, repeat: int = 7) -> list[Result]:
    from sv_desktop.services.tender_service import open_service

    data_dir = data.fresh(count, "store")
    service = open_service(data_dir)
    connection = connect(data_dir / DATABASE_FILE)
    try:
        return [_list_result("store_list", service, connection, "", repeat),
                _list_result("store_filter", service, connection, FILTER_TEXT, repeat)]
    finally:
        connection.close()
        service.close()


class _PaintWatch:
    """Notes when a widget has painted (an event filter on it)."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        watch = self

        class Filter(QObject):
            def eventFilter(self, _obj, event):  # noqa: N802 - Qt's name
                if event.type() == QEvent.Type.Paint:
                    watch.painted = True
                return False

        self.painted = False
        self._widget = widget
        self._filter = Filter()
        widget.installEventFilter(self._filter)

    def remove(self) -> None:
        self._widget.removeEventFilter(self._filter)


def _settle(milliseconds: int = 200) -> None:
    """Let the event loop run for a while. (An event loop, not a loop over processEvents(): PySide6 6.12's
    processEvents() drops a reference to None on every call, and a few tens of thousands of calls crash
    Python 3.11.)"""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _keystroke_ms(app, search, watch: _PaintWatch, key: str) -> tuple[float, bool]:
    """Milliseconds from the key press until everything it caused has run, including the table's repaint
    (when the rows shown did not change, Qt rightly paints nothing); and whether it repainted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    watch.painted = False
    start = time.perf_counter()
    if key == BACKSPACE:
        QTest.keyClick(search, Qt.Key.Key_Backspace)
    else:
        QTest.keyClicks(search, key)
    for _ in range(PAINT_ATTEMPTS):  # each call runs everything pending; one is normally enough
        app.processEvents()
        if watch.painted:
            break
    return (time.perf_counter() - start) * 1000, watch.painted


def bench_keystroke(data: DataDirs, count: int = 10_000, rounds: int = 3) -> Result:
    """Type TYPED into the search box one key at a time, then delete it again, `rounds` times; each key
    is timed from the key press until the table view has painted."""
    from sv_desktop.services.tender_service import open_service
    from sv_desktop.ui.app import application
    from sv_desktop.ui.main_window import MainWindow
    from sv_desktop.ui.worker import wait_for_all

    app = application()
    service = open_service(data.fresh(count, "keystroke"))
    window = MainWindow(service)
    watch = None
    try:
        window.show()
        _settle()
        watch = _PaintWatch(window.table.viewport())
        window.search.setFocus()
        keys = (list(TYPED) + [BACKSPACE] * len(TYPED)) * rounds
        strokes = [_keystroke_ms(app, window.search, watch, key) for key in keys]
        if window.search.text():
            raise RuntimeError(f"the search box should be empty again, not {window.search.text()!r}")
    finally:
        if watch is not None:
            watch.remove()
        window.close()
        window.deleteLater()
        _settle(50)
        wait_for_all()  # the window's background work (KPI reminders) must not find the database closed
        service.close()
    times = [ms for ms, _ in strokes]
    return value_goal("keystroke", median(times), None, "ms", KEYSTROKE_LIMIT_MS, len(times),
                      p95_ms=round(percentile(times, 95), 1), worst_ms=round(max(times), 1), typed=TYPED,
                      repainted=sum(painted for _, painted in strokes), tenders=count)
