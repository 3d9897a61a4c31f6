"""The migration ladder: a database built at every past revision, filled, then upgraded by opening it,
still holds every value. New revisions are picked up from the migrations folder automatically."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from ladder import FILLERS, WRITTEN_AT
from store_helpers import assert_same_tender

from sv_desktop.store import TenderStore
from sv_desktop.store.engine import server_engine, sqlite_engine
from sv_desktop.store.migrate import MIGRATIONS_DIR, head_revision, revisions_oldest_first, upgrade_to_head
from sv_desktop.store.models import Base

REVISIONS = revisions_oldest_first()


def test_every_revision_has_a_filler():
    missing = [rev for rev in REVISIONS if rev not in FILLERS]
    assert not missing, f"add fillers to tests/store/ladder.py for revisions {missing}"
    assert REVISIONS[-1] == head_revision()


def test_migrations_are_bundled_inside_the_package():
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert list((MIGRATIONS_DIR / "versions").glob("0001_*.py"))


def _build_at(engine, revision: str, where: str):
    upgrade_to_head(engine, where, target=revision)
    with engine.begin() as connection:
        return FILLERS[revision](connection)


@pytest.mark.parametrize("revision", REVISIONS)
def test_sqlite_database_from_each_revision_upgrades_with_every_value(paths, revision):
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    engine = sqlite_engine(paths.database)
    expected = _build_at(engine, revision, str(paths.database))
    engine.dispose()

    with TenderStore.open(paths) as store:
        found = store.get(expected.reference)
        assert_same_tender(found, expected)
        assert found.version == expected.version
        assert found.updated_at == WRITTEN_AT
        assert store.list_summaries(expected.reference)[0].compliant is True
        saved = store.save(found)  # and it can be written again after the upgrade
        assert saved.version == expected.version + 1
        assert store.doctor().ok
        reasons = [info.reason for info in store.list_backups()]
    assert (f"before-upgrade-from-{revision}" in reasons) == (revision != head_revision())


@pytest.mark.postgres
@pytest.mark.parametrize("revision", REVISIONS)
def test_postgres_database_from_each_revision_upgrades_with_every_value(paths, pg_url, revision):
    engine = server_engine(pg_url)
    expected = _build_at(engine, revision, "server")
    engine.dispose()
    with TenderStore.open(paths, pg_url) as store:
        found = store.get(expected.reference)
        assert_same_tender(found, expected)
        assert found.updated_at == WRITTEN_AT


def _drift(engine) -> list:
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                Base.metadata)


def test_models_match_the_migrated_schema_on_sqlite(store):
    assert _drift(store.engine) == []


@pytest.mark.postgres
def test_models_match_the_migrated_schema_on_postgres(paths, pg_url):
    with TenderStore.open(paths, pg_url) as store:
        assert _drift(store.engine) == []
