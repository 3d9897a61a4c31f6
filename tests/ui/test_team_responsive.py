"""The window never waits on the team database: while another session holds the tender's row lock, the
wizard's autosave runs off the UI thread, times out, keeps the edit on screen, retries, and saves it once
the lock is released; the event loop keeps turning all along (measured with a timer)."""

from __future__ import annotations

import time
import uuid
from urllib.parse import quote

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import create_engine, text

from sv_desktop.services.tender_service import open_service
from sv_desktop.store.engine import server_connect_args
from sv_desktop.ui.wizard.page_ids import PageId

pytestmark = pytest.mark.postgres


@pytest.fixture
def schema_url(postgres_url):
    """(URL for the app, with a one-second lock timeout so the test is quick; URL of the same schema)."""
    schema = f"svresp_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in postgres_url else "?"
    plain = f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema}')}"
    quick = f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema} -c lock_timeout=1000')}"
    yield quick, plain
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_team_connections_carry_timeouts():
    args = server_connect_args("postgresql+psycopg://member@db.trust.nhs.uk/svdesktop")
    assert args["connect_timeout"] == 10
    assert "-c lock_timeout=5000" in args["options"] and "-c statement_timeout=30000" in args["options"]
    mine = server_connect_args("postgresql+psycopg://m@h/d?connect_timeout=3&options=-c%20lock_timeout%3D100")
    assert "connect_timeout" not in mine  # the URL says 3 seconds itself
    assert mine["options"].endswith("-c lock_timeout=100")  # the URL's own setting comes last, so it wins
    assert server_connect_args("sqlite+pysqlite:///x.sqlite3") == {}


def test_held_row_lock_does_not_freeze_the_wizard(qtbot, open_wizard, tmp_path, schema_url):
    quick, plain = schema_url
    service = open_service(tmp_path / "data", quick)
    holder = create_engine(plain)
    try:
        tender = service.create(service.new_tender("Laundry"))
        wizard = open_wizard(service, service.get(tender.reference))
        wizard.autosaver.retry_timer.setInterval(500)

        gaps: list[float] = []
        last = [time.monotonic()]

        def tick() -> None:
            now = time.monotonic()
            gaps.append(now - last[0])
            last[0] = now

        ticker = QTimer()
        ticker.setInterval(20)
        ticker.timeout.connect(tick)

        with holder.connect() as other:
            other.execute(text("SELECT id FROM tender WHERE reference = :r FOR UPDATE"), {"r": tender.reference})
            last[0] = time.monotonic()
            ticker.start()
            title = wizard.page(PageId.DETAILS).title_field.edit
            title.end(False)
            qtbot.keyClicks(title, " held")
            qtbot.waitUntil(lambda: wizard.save_label.text().startswith("Not saved"), timeout=10_000)
            assert "did not answer in time" in wizard.save_label.text()
            assert "Trying again" in wizard.save_label.text() and wizard.autosaver.dirty
            assert wizard.tender.title == "Laundry held"  # kept on screen
            qtbot.wait(1500)  # retries keep failing while the lock is held
            other.rollback()  # the colleague's transaction ends
        qtbot.waitUntil(lambda: wizard.save_label.text().startswith("Saved"), timeout=15_000)
        ticker.stop()

        assert len(gaps) > 50
        assert max(gaps) < 0.5, f"the event loop stalled for {max(gaps):.2f} s"
        assert not wizard.autosaver.dirty
        with holder.connect() as check:
            stored = check.execute(text("SELECT title FROM tender WHERE reference = :r"),
                                   {"r": tender.reference}).scalar_one()
        assert stored == "Laundry held"
    finally:
        holder.dispose()
        service.close()
