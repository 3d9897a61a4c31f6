"""Values written into the database by something other than the app (an unknown category, route, theme, stage)
are shown as unknown: the list, the CLI and the tender's window open without a crash."""

from __future__ import annotations

import json
import sqlite3
import uuid
from urllib.parse import quote

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text

from sv_desktop.cli import main
from sv_desktop.model.tender import Kpi, ThemeChoice
from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.wizard.page_ids import PageId

STRANGE = ("UPDATE tender SET category = 'zzz_category', route = 'carrier_pigeon', stage = 'limbo', "
           "current_step = 'nowhere'; UPDATE tender_theme SET theme = 'mystery'; "
           "UPDATE kpi SET theme = 'mystery', frequency = 'hourly';")


def written_outside(service) -> str:
    tender = service.new_tender("Written elsewhere", "ddat")
    tender.themes = [ThemeChoice(theme="wellbeing")]
    tender.kpis = [Kpi(name="Odd", theme="wellbeing")]
    reference = service.create(tender).reference
    with sqlite3.connect(service.paths.database) as connection:
        connection.executescript(STRANGE)
    return reference


def test_cli_lists_and_checks_unknown_values(real_service, capsys, monkeypatch):
    reference = written_outside(real_service)
    monkeypatch.setenv("SV_DESKTOP_DATA_DIR", str(real_service.data_dir))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "Unknown (zzz_category)" in out
    assert main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["category"] == "zzz_category"
    assert main(["check", reference]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_app_lists_and_opens_unknown_values(qtbot, real_service, open_main):
    reference = written_outside(real_service)
    window = open_main(real_service)
    qtbot.waitUntil(lambda: window.model is not None and window.model.rowCount() == 1, timeout=5000)
    texts = [window.model.index(0, column).data() for column in range(window.model.columnCount())]
    assert "Unknown (zzz_category)" in texts and "Unknown (limbo)" in texts, texts
    assert window.select(reference)
    window.open_selected()
    qtbot.waitUntil(lambda: len(window.wizards) == 1, timeout=5000)  # read off the UI thread
    wizard = window.wizards[0]
    details = wizard.page(PageId.DETAILS)
    assert details.category.currentText() == "Unknown (zzz_category)"
    assert "does not know this category" in details.category_note.text()
    assert details.route.currentText() == "Unknown (carrier_pigeon)"
    assert wizard.tender.category == "zzz_category"  # shown as unknown, never silently replaced
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.current_page_id() == PageId.DETAILS  # a category must be chosen to carry on
    details.category.setCurrentIndex(details.category.findData("ddat"))
    for _page in wizard.pages[1:]:
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        wizard.run_check()
    assert wizard.current_page_id() == PageId.REVIEW
    assert wizard.autosaver.flush()
    assert real_service.get(reference).category == "ddat"


@pytest.mark.postgres
def test_team_list_survives_values_written_by_raw_sql(tmp_path, postgres_url, capsys):
    schema = f"svraw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in postgres_url else "?"
    url = f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema}')}"
    try:
        service = open_service(tmp_path / "data", url)
        try:
            tender = service.new_tender("Written elsewhere", "ddat")
            tender.themes = [ThemeChoice(theme="wellbeing")]
            reference = service.create(tender).reference
        finally:
            service.close()
        raw = create_engine(url)
        with raw.begin() as connection:
            for statement in STRANGE.split(";"):
                if statement.strip():
                    connection.execute(text(statement))
        raw.dispose()
        assert main(["--data-dir", str(tmp_path / "data"), "--database-url", url, "list"]) == 0
        assert f"{reference}\tWritten elsewhere\tUnknown (zzz_category)" in capsys.readouterr().out
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
