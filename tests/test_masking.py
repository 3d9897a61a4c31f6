"""Passwords are masked in every form a database address can carry them, wherever they are shown: the one
masking function (property-tested), the doctor, connection errors, the command line and the settings."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sv_desktop.cli import main
from sv_desktop.masking import MASK, mask_secrets
from sv_desktop.store.engine import display_url

passwords = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
plain_passwords = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"),
                                        blacklist_characters="'\"\\"), min_size=1, max_size=30)


def _libpq_quoted(secret: str) -> str:
    return "'" + secret.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _forms(secret: str) -> dict[str, str]:
    encoded = quote(secret, safe="")
    userinfo = f"postgresql+psycopg://alice:{encoded}@db.trust.nhs.uk:5432/sv_desktop?sslmode=require"
    query_first = f"postgresql+psycopg://alice@db.trust.nhs.uk/sv_desktop?password={encoded}&sslmode=require"
    query_later = f"postgresql+psycopg://alice@db.trust.nhs.uk/sv_desktop?sslmode=require&password={encoded}"
    return {
        "userinfo": userinfo,
        "?password=": query_first,
        "&password=": query_later,
        "sslpassword": f"postgresql://alice@db/sv?sslmode=verify-full&sslpassword={encoded}",
        "percent-encoded userinfo": quote(userinfo, safe=""),
        "percent-encoded query": quote(query_later, safe=""),
        "encoded twice": quote(quote(userinfo, safe=""), safe=""),
        "percent-encoded key": f"postgresql://alice@db/sv?p%61ssword={encoded}",
        "libpq key=value, quoted": f"host=db.trust.nhs.uk user=alice password={_libpq_quoted(secret)} dbname=sv",
        "libpq, spaces around =": f"host=db password = {_libpq_quoted(secret)} dbname=sv",
        "in an error message": f"could not connect to {userinfo}: FATAL: password authentication failed",
    }


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(first=passwords, second=passwords)
def test_what_is_shown_never_depends_on_the_password(first, second):
    """Masked, two addresses differing only in their passwords read the same: nothing of either shows."""
    for name, (one, other) in zip(_forms(first), zip(_forms(first).values(), _forms(second).values(),
                                                     strict=True), strict=True):
        assert mask_secrets(one) == mask_secrets(other), (name, one, mask_secrets(one))
        assert MASK in mask_secrets(one), name


@settings(max_examples=200)
@given(first=plain_passwords, second=plain_passwords)
def test_an_unquoted_libpq_password_is_masked(first, second):
    def form(secret: str) -> str:
        return f"host=db password={secret} dbname=sv"

    assert mask_secrets(form(first)) == mask_secrets(form(second))


@pytest.mark.parametrize("text", [
    "postgresql+psycopg://alice@db.trust.nhs.uk/sv_desktop?options=-crole%3Dsv_desktop&sslmode=require",
    "The database /home/alice/.local/share/sv-desktop/sv-desktop.sqlite3 is damaged",
    "password authentication failed for user alice",
    "",
])
def test_text_without_a_password_is_unchanged(text):
    assert mask_secrets(text) == text


def test_display_url_masks_a_query_password_and_survives_a_malformed_url():
    assert "Sekr1t" not in display_url("postgresql+psycopg://alice@db/sv?password=Sekr1t")
    assert "Sekr1t" not in display_url("postgresql+psycopg://alice:Sekr1t@db:notaport/sv")


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://alice:Sekr1t@/nosuchdb?host=/nonexistent",
    "postgresql+psycopg://alice@/nosuchdb?host=/nonexistent&password=Sekr1t",
    "postgresql+psycopg://alice@/nosuchdb?password=Sekr1t&host=/nonexistent",
    "postgresql+psycopg://alice:Sekr1t@db:notaport/sv",
    "postgresql+nodriver://alice:Sekr1t@db/sv",
    "host=db password=Sekr1t",
    "://alice:Sekr1t@",
])
def test_connection_errors_and_the_doctor_never_print_the_password(url, data_dir, capsys):
    for command in (["list"], ["doctor"]):
        code = main(["--database-url", url, *command])
        out, err = capsys.readouterr()
        assert code != 0
        assert "Sekr1t" not in out + err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.postgres
def test_a_team_database_password_never_shows_in_the_doctor_or_the_settings(qtbot, tmp_path, postgres_url):
    import uuid

    from sqlalchemy import create_engine, text

    from sv_desktop.services.tender_service import open_service
    from sv_desktop.ui.settings_dialog import SettingsDialog

    schema = f"svtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in postgres_url else "?"
    # The test server trusts local users, so the password is ignored there; it must still never show.
    url = f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema}')}&password=Sekr1t"
    service = open_service(tmp_path / "data", url)
    try:
        assert "Sekr1t" not in service.database_location
        lines = service.doctor()
        assert lines and not any("Sekr1t" in line for line in lines)
        dialog = SettingsDialog(service)
        qtbot.addWidget(dialog)
        assert dialog.database.text() == service.database_location
        assert "Sekr1t" not in dialog.database.text() and MASK in dialog.database.text()
    finally:
        service.close()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
