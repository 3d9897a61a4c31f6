"""Team mode: two managers' copies of the app on one PostgreSQL database. A lifecycle dialog that saves as
the manager types never overwrites what a colleague saved meanwhile: it says so and offers Reload, as the
tender window does."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.lifecycle.engagement import EngagementDialog
from sv_desktop.ui.wizard.autosave import DELAY_MS

from .conftest import contract, settle_dialog


@pytest.fixture
def team_url(postgres_url):
    """The server URL with a search_path pointing at a schema of this test's own, dropped afterwards."""
    schema = f"svtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_a_colleagues_save_is_never_overwritten_and_reload_shows_it(qtbot, tmp_path, team_url):
    mine = open_service(data_dir=tmp_path / "mine", database_url=team_url)
    theirs = open_service(data_dir=tmp_path / "theirs", database_url=team_url)
    try:
        assert mine.is_team_database
        stored = mine.create(contract(stage="pre_market"))
        dialog = EngagementDialog(mine, mine.get(stored.reference))
        qtbot.addWidget(dialog, before_close_func=settle_dialog)
        dialog.show()
        dialog.events.add_button.click()
        with qtbot.waitSignal(dialog.saved, timeout=DELAY_MS * 4):
            pass

        colleague = theirs.get(stored.reference)
        colleague.think_local.notes = "Their notes from the supplier day"
        theirs.save(colleague)

        qtbot.keyClicks(dialog.events.title, " at Leicester")
        with qtbot.waitSignal(dialog.autosaver.status_changed, timeout=DELAY_MS * 4,
                              check_params_cb=lambda state, _text: state == "conflict"):
            pass
        assert dialog.save_status.reload_button.isVisible()
        assert theirs.get(stored.reference).think_local.notes == "Their notes from the supplier day"

        dialog.save_status.reload_button.click()
        assert dialog.tender.think_local.notes == "Their notes from the supplier day"
        assert [event.title for event in dialog.tender.engagement] == ["New engagement event"]
        dialog.events.notes.setPlainText("Mine, after seeing theirs")
        with qtbot.waitSignal(dialog.saved, timeout=DELAY_MS * 4):
            pass
        final = theirs.get(stored.reference)
        assert final.think_local.notes == "Their notes from the supplier day"
        assert final.engagement[0].notes == "Mine, after seeing theirs"
        dialog.close_button.click()
    finally:
        mine.close()
        theirs.close()
