"""Imports respect optimistic locking: a file exported before a colleague's save does not silently overwrite
it, in the command line (refused, --force to override) and in team mode on a real PostgreSQL server."""

from __future__ import annotations

import json
import sqlite3
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from sv_desktop.cli import main
from sv_desktop.services.errors import ImportConflictError
from sv_desktop.services.tender_service import open_service


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refuses_an_import_over_a_newer_save_and_force_overrides(data_dir, tmp_path, capsys):
    service = open_service(data_dir)
    try:
        tender = service.create(service.new_tender("Laundry"))
        exported = service.export_file(tender, tmp_path / "laundry.svtender.json")
        assert json.loads(exported.read_text(encoding="utf-8"))["version"] == tender.version
        tender.title = "Laundry (a colleague's save)"
        service.save(tender)
    finally:
        service.close()

    code, out, err = run(capsys, "import", str(exported))
    assert code == 2 and out == ""
    assert f"{tender.reference} was changed by " in err
    assert "after this file was exported" in err and "--force" in err and "Traceback" not in err
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)[0]["title"] == "Laundry (a colleague's save)"
    newest = max((data_dir / "backups").glob("*.sqlite3"))  # names sort by time
    with sqlite3.connect(newest) as backup:
        assert backup.execute("SELECT title FROM tender").fetchall() == [("Laundry (a colleague's save)",)]

    code, out, err = run(capsys, "import", str(exported), "--force")
    assert (code, err) == (0, "") and f"Updated {tender.reference}" in out
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)[0]["title"] == "Laundry"
    service = open_service(data_dir)
    try:
        entries = service.history(tender.reference)
        assert entries[0].action == "imported"
        assert service.tender_at(tender.reference, entries[1].id).title == "Laundry (a colleague's save)"
    finally:
        service.close()


@pytest.fixture
def team_url(postgres_url):
    schema = f"svimp_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.mark.postgres
def test_team_import_does_not_overwrite_a_colleagues_save(tmp_path, team_url, capsys):
    alice = open_service(tmp_path / "alice", team_url)
    bob = open_service(tmp_path / "bob", team_url)
    try:
        tender = alice.create(alice.new_tender("Patient transport"))
        exported = alice.export_file(tender, tmp_path / "transport.svtender.json")
        mine = bob.get(tender.reference)
        mine.title = "Patient transport (Bob's acknowledged save)"
        bob.save(mine)

        with pytest.raises(ImportConflictError, match="after this file was exported"):
            alice.import_file(exported)
        assert alice.get(tender.reference).title == "Patient transport (Bob's acknowledged save)"

        code, _out, err = run(capsys, "--data-dir", str(tmp_path / "alice"), "--database-url", team_url,
                              "import", str(exported))
        assert code == 2 and "--force" in err

        alice.import_file(exported, force=True)
        assert bob.get(tender.reference).title == "Patient transport"
        entries = bob.history(tender.reference)
        assert [e.action for e in entries] == ["imported", "saved", "created"]
        assert bob.tender_at(tender.reference, entries[1].id).title == "Patient transport (Bob's acknowledged save)"
        restored = bob.restore_version(tender.reference, entries[1].id)
        assert alice.get(tender.reference).title == restored.title == "Patient transport (Bob's acknowledged save)"
        assert bob.history(tender.reference)[0].action == "restored_version"
    finally:
        alice.close()
        bob.close()
