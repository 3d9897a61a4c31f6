"""The store's quick paths give the same answers as the slow ones they replace: the revisions read from
the migration files are Alembic's, a current database opens without Alembic (and the start-up checks
without SQLAlchemy), and a save that deletes children with one statement per table leaves exactly the new
children, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lifecycle_data import full_lifecycle_tender
from sqlalchemy import text
from store_helpers import assert_same_tender, full_tender

from sv_desktop.model.lifecycle import EngagementEvent, Supplier
from sv_desktop.store import TenderStore
from sv_desktop.store.migrate import head_revision, revisions_oldest_first, script_directory

ROOT = Path(__file__).resolve().parents[2]
CHILD_TABLES = ("tender_theme", "kpi", "question", "tender_lead", "engagement_event", "engagement_supplier",
                "kpi_result", "case_study", "role_check")


def test_revisions_read_from_the_files_are_alembics():
    alembic = [script.revision for script in reversed(list(script_directory().walk_revisions()))]
    assert revisions_oldest_first() == alembic
    assert head_revision() == script_directory().get_current_head()


def _fresh_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_current_database_opens_without_importing_alembic(paths):
    TenderStore.open(paths).close()  # created and migrated to the head revision
    found = _fresh_python(f"""
        import sys
        from pathlib import Path
        from sv_desktop.paths import app_paths
        from sv_desktop.store import TenderStore
        store = TenderStore.open(app_paths(Path({str(paths.data_dir)!r})))
        store.list_summaries()
        store.close()
        print(sorted(name for name in ("alembic", "mako") if name in sys.modules))
    """)
    assert found == "[]"


def test_the_instance_lock_and_file_checks_need_no_sqlalchemy(paths):
    TenderStore.open(paths).close()
    found = _fresh_python(f"""
        import sys
        from pathlib import Path
        from sv_desktop.paths import app_paths
        from sv_desktop.store.instance_lock import acquire_instance_lock
        from sv_desktop.store.sqlite_file import inspect_file
        paths = app_paths(Path({str(paths.data_dir)!r}))
        lock = acquire_instance_lock(paths)
        print(inspect_file(paths.database), lock is not None, "sqlalchemy" in sys.modules)
        lock.unlock()
    """)
    assert found == f"('{head_revision()}',) True False"


def _child_counts(store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in CHILD_TABLES}


def _check_saves_replace_children_exactly(store) -> None:
    neighbour = store.create(full_lifecycle_tender())
    before = _child_counts(store)
    mine = store.create(full_tender("FAST-1"))
    mine.engagement = [EngagementEvent(title="Market day", held_on=dt.date(2025, 1, 20),
                                       suppliers=[Supplier(name="A Ltd"), Supplier(name="B CIC", vcse=True)])]
    mine = store.save(mine)
    assert_same_tender(store.get("FAST-1"), mine)

    mine.themes, mine.kpis, mine.questions, mine.leads, mine.engagement = mine.themes[:1], [], [], {}, []
    mine = store.save(mine)
    assert_same_tender(store.get("FAST-1"), mine)
    counts = _child_counts(store)
    assert counts == {**before, "tender_theme": before["tender_theme"] + 1}, "only the one theme left"
    assert_same_tender(store.get(neighbour.reference), neighbour)

    for _ in range(3):  # saving the same children again and again keeps one copy of each
        mine.kpis = full_tender().kpis
        mine = store.save(mine)
    assert _child_counts(store)["kpi"] == before["kpi"] + len(full_tender().kpis)
    assert store.doctor().ok


def test_saves_replace_children_exactly_on_sqlite(store):
    _check_saves_replace_children_exactly(store)


@pytest.mark.postgres
def test_saves_replace_children_exactly_on_postgres(paths, pg_url):
    with TenderStore.open(paths, pg_url) as store:
        _check_saves_replace_children_exactly(store)


def _check_delivery_contracts_are_read_as_from_whole_tenders(store):
    """The narrow read for the KPI reminders gives exactly what the whole tenders give: live contracts at
    the stages asked for, by reference, with their KPIs and results in order (awkward text included)."""
    from sv_desktop.model.kpi_reminders import DELIVERY_STAGES, DeliveryContract

    awarded = full_lifecycle_tender("DELIVERY-B Ärztliche")
    awarded.stage = "awarded"
    awarded.contract_start_date = None  # the award date is the start
    renewing = full_lifecycle_tender("DELIVERY-A «renewal»")
    renewing.stage = "renewal_due"
    renewing.contract_start_date = dt.date(2024, 2, 29)
    bare = full_tender("DELIVERY-C no KPIs")
    bare.stage, bare.kpis, bare.kpi_results = "awarded", [], []
    binned = full_lifecycle_tender("DELIVERY-D binned")
    binned.stage = "awarded"
    elsewhere = full_lifecycle_tender("PIPELINE-E")
    elsewhere.stage = "pipeline"
    store.bulk_create([awarded, renewing, bare, binned, elsewhere])
    store.delete("DELIVERY-D binned")

    read = store.delivery_contracts(DELIVERY_STAGES)
    assert [contract.reference for contract in read] == ["DELIVERY-A «renewal»", "DELIVERY-B Ärztliche",
                                                         "DELIVERY-C no KPIs"]
    assert read == [DeliveryContract.of(store.get(contract.reference)) for contract in read]
    assert read[1].start == awarded.award.awarded_on and read[0].start == dt.date(2024, 2, 29)
    assert read[0].kpis and read[0].reported and read[2].kpis == read[2].reported == ()
    assert store.delivery_contracts(["no such stage"]) == []


def test_delivery_contracts_are_read_as_from_whole_tenders_on_sqlite(store):
    _check_delivery_contracts_are_read_as_from_whole_tenders(store)


@pytest.mark.postgres
def test_delivery_contracts_are_read_as_from_whole_tenders_on_postgres(paths, pg_url):
    with TenderStore.open(paths, pg_url) as store:
        _check_delivery_contracts_are_read_as_from_whole_tenders(store)
