"""Every window (main window, each wizard step, every dialog) is usable on the screens managers have: a
1366 x 768 laptop at 100%, 125% and 150% scaling, and a 1024 x 700 window. Each control is inside the
window, or inside a scroll area that can scroll to it; shortened tab labels and table cells have tooltips.

Qt reads the scale factor once per process, so each screen is checked by `layout_probe` in a process of
its own. The probe's checks are first shown to fail on layouts that really cut something off. The same
screens are checked under the pseudo-locale (`SV_DESKTOP_LANG=pseudo`: every string about 40% longer), so a
layout that only fits English fails here rather than in a translation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QScrollArea, QTableView, QVBoxLayout, QWidget

from .layout_probe import _cut_cells, cut_off

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("factor", "window", "language"), [
    ("1", (), "en"), ("1.25", (), "en"), ("1.5", (), "en"), ("1", ("1024", "700"), "en"),
    ("1", (), "pseudo"), ("1.25", (), "pseudo"), ("1.5", (), "pseudo")])
def test_nothing_is_cut_off(factor, window, language):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=factor, SV_DESKTOP_LANG=language)
    done = subprocess.run([sys.executable, "-m", "tests.ui.layout_probe", "1366", "768", *window],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    errors = "\n".join(line for line in done.stderr.splitlines() if "propagateSizeHints" not in line)
    assert done.returncode == 0, errors[-3000:]
    problems = json.loads(done.stdout)
    assert problems == [], "\n".join(problems)


def test_the_probe_sees_the_actual_spend_tab_at_its_fullest(qtbot, real_service):
    """The windows the probe checks include the award and delivery dialog of a contract in delivery: every
    financial year of the contract offered, one figure recorded and one for a year outside the contract."""
    from sv_desktop.ui.lifecycle.delivery import DeliveryDialog

    from .windows import in_delivery, prepared

    prepared(real_service)
    tender = in_delivery(real_service)
    dialog = DeliveryDialog(real_service, tender)
    qtbot.addWidget(dialog)
    rows = dialog.spend.rows
    assert tender.stage == "awarded" and tender.contract_start_date and len(rows) >= 5
    assert rows[max(rows)].label.text().endswith("(outside the contract):")
    assert rows[min(rows)].field.value() is not None
    dialog.autosaver.dirty = False


def _wide_form(policy: Qt.ScrollBarPolicy) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    layout = QVBoxLayout(window)
    body = QWidget()
    inner = QVBoxLayout(body)
    edit = QLineEdit()
    edit.setMinimumWidth(900)
    inner.addWidget(edit)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(policy)
    area.setWidget(body)
    layout.addWidget(area)
    return window, edit


def test_the_probe_finds_a_field_a_scroll_area_cannot_reach(qtbot):
    window, edit = _wide_form(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    qtbot.addWidget(window)
    window.resize(500, 300)
    window.show()
    qtbot.waitExposed(window)
    assert "cannot scroll sideways" in (cut_off(edit, window) or "")

    reachable, edit = _wide_form(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    qtbot.addWidget(reachable)
    reachable.resize(500, 300)
    reachable.show()
    qtbot.waitExposed(reachable)
    assert cut_off(edit, reachable) is None


def test_the_probe_finds_a_control_clipped_by_its_parent(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    edit = QLineEdit(window)
    edit.setGeometry(250, 20, 200, 30)
    window.show()
    qtbot.waitExposed(window)
    assert "clipped" in (cut_off(edit, window) or "")


def test_the_probe_finds_a_cell_cut_off_without_a_tooltip(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    view = QTableView()
    view.setWordWrap(False)
    model = QStandardItemModel(1, 2)
    model.setItem(0, 0, QStandardItem("A heading much too long for the narrow column it is shown in"))
    model.setItem(0, 1, QStandardItem("short"))
    view.setModel(model)
    view.setColumnWidth(0, 60)
    layout.addWidget(view)
    window.resize(400, 200)
    window.show()
    qtbot.waitExposed(window)
    assert len(_cut_cells(window)) == 1
    model.item(0, 0).setToolTip(model.item(0, 0).text())
    assert _cut_cells(window) == []


def test_pages_reflow_rather_than_scroll_sideways_at_125_percent(qtbot, real_service, open_wizard):
    """1093 x 614 is what a 1366 x 768 laptop at 125% leaves: side-by-side columns stack, so no page
    needs its horizontal scroll bar; on the full-size window they stand side by side again."""
    from PySide6.QtWidgets import QApplication, QBoxLayout

    from sv_desktop.ui.wizard.page_ids import PageId

    from .test_focus_chain import demo_tender

    wizard = open_wizard(real_service, demo_tender(real_service))
    details = wizard.page(PageId.DETAILS)
    columns = details.reflow.layouts[0]
    assert columns.direction() == QBoxLayout.Direction.LeftToRight
    wizard.resize(1093, 614)
    for page_id in PageId:
        wizard.go_to(page_id)
        QApplication.processEvents()
        page = wizard.page(page_id)
        body, viewport = page.scroll_area.widget(), page.scroll_area.viewport()
        assert body.minimumSizeHint().width() <= viewport.width(), (
            f"{page_id.name}: needs {body.minimumSizeHint().width()} px, has {viewport.width()}")
        assert not page.scroll_area.horizontalScrollBar().isVisible(), page_id.name
    assert columns.direction() == QBoxLayout.Direction.TopToBottom
    wizard.resize(1366, 768)
    wizard.go_to(PageId.DETAILS)
    QApplication.processEvents()
    assert columns.direction() == QBoxLayout.Direction.LeftToRight
