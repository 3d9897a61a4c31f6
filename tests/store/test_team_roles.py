"""Team mode an NHS IT department would approve: the set-up script's roles on a real PostgreSQL server. The
owner runs the migrations; a member saves tenders and moves them to the bin, but cannot drop or alter tables,
change the schema version, delete a tender for good, or rewrite the history."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sv_desktop.cli import main
from sv_desktop.model.tender import new_tender
from sv_desktop.paths import app_paths
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import open_service
from sv_desktop.store import TenderStore
from sv_desktop.team_setup import setup_sql

pytestmark = pytest.mark.postgres


@pytest.fixture
def roles(postgres_url):
    """A schema, an owner and a member role of this test's own (roles belong to the whole server)."""
    tag = uuid.uuid4().hex[:10]
    names = {"schema": f"svroles_{tag}", "owner": f"svowner_{tag}", "member": f"svmember_{tag}"}
    person = f"jane.smith_{tag}@TRUST.NHS.UK"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    base = make_url(postgres_url)

    def url_for(user: str) -> str:
        options = quote(f"-csearch_path={names['schema']}")
        rendered = base.set(username=user).render_as_string(hide_password=False)
        return f"{rendered}{'&' if '?' in rendered else '?'}options={options}"

    yield admin, names, person, url_for
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{names["schema"]}" CASCADE'))
        for role in (person, names["member"], names["owner"]):
            if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
                connection.execute(text(f'DROP OWNED BY "{role}"'))
                connection.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def run_script(admin, names) -> None:
    with admin.connect() as connection:
        connection.exec_driver_sql(setup_sql(names["schema"], names["owner"], names["member"]))


def refused(connection, statement: str) -> str:
    with pytest.raises(DBAPIError) as caught:
        connection.execute(text(statement))
    connection.rollback()
    return str(caught.value.orig)


def test_member_writes_rows_but_cannot_alter_drop_or_purge(roles, tmp_path, capsys):
    admin, names, person, url_for = roles
    run_script(admin, names)  # before the first start: roles and schema
    with TenderStore.open(app_paths(tmp_path / "owner"), url_for(names["owner"])):
        pass  # the owner's first start runs the migrations
    run_script(admin, names)  # after it: the grants on the tables that now exist
    with admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{person}" LOGIN IN ROLE "{names["member"]}"'))

    member = open_service(tmp_path / "jane", url_for(person))
    try:
        tender = member.create(member.new_tender("Laundry"))
        tender.title = "Laundry services"
        member.save(tender)
        member.delete(tender.reference)
        member.restore_from_bin(tender.reference)
        entries = member.history(tender.reference)
        assert {e.changed_by for e in entries} == {person}  # the database user, as each person logs in
        member.delete(tender.reference)
        with pytest.raises(ServiceError, match="Your role on the team database does not allow this"):
            member.empty_bin(older_than_days=0)  # removing for good is the owner's job
        assert [s.reference for s in member.list_bin()] == [tender.reference]
        bid = member.save_bid(member.new_bid("Community nursing"))
        member.delete_bid(bid.reference)  # a bid goes to the bin the same way
        member.restore_bid(bid.reference)
        assert [s.reference for s in member.list_bids()] == [bid.reference]
    finally:
        member.close()

    engine = create_engine(url_for(person))
    try:
        with engine.connect() as connection:
            assert "must be owner" in refused(connection, "DROP TABLE tender CASCADE")
            assert "must be owner" in refused(connection, "ALTER TABLE tender ADD COLUMN sneaky integer")
            assert "permission denied" in refused(connection, "CREATE TABLE sneaky (id integer)")
            assert "permission denied" in refused(connection, "DELETE FROM tender")
            assert "permission denied" in refused(connection, "DELETE FROM bid")
            assert "permission denied" in refused(connection, "DELETE FROM tender_history")
            assert "permission denied" in refused(connection, "UPDATE tender_history SET changed_by = 'someone'")
            assert "permission denied" in refused(connection, "UPDATE alembic_version SET version_num = '9999'")
            assert connection.execute(text("SELECT count(*) FROM tender")).scalar_one() == 1
    finally:
        engine.dispose()

    code = main(["team-setup", "--print-sql", "--schema", names["schema"], "--owner", names["owner"],
                 "--member", names["member"], "--database", "svdesktop"])
    printed = capsys.readouterr().out
    assert code == 0 and 'ALTER DATABASE "svdesktop" SET search_path' in printed
    assert f'REVOKE DELETE ON "{names["schema"]}".tender FROM "{names["member"]}"' in printed


def test_owner_still_empties_the_bin(roles, tmp_path):
    admin, names, _person, url_for = roles
    run_script(admin, names)
    with TenderStore.open(app_paths(tmp_path / "owner"), url_for(names["owner"])) as owner:
        owner.create(new_tender("BIN-1", "Old"))
        owner.delete("BIN-1")
        owner.purge("BIN-1")
        assert owner.list_bin() == []
