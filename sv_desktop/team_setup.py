"""The set-up script for a team database: least-privilege PostgreSQL roles, printed for an administrator.

The script itself is `resources/postgres/setup-roles.sql`; here the schema, role and database names are
checked and put in. Nothing here connects to a database: the administrator reads the script and runs it.
"""

from __future__ import annotations

import re

from .i18n import _
from .paths import resources_dir

DEFAULT_SCHEMA = "sv_desktop"
DEFAULT_OWNER = "sv_desktop_owner"
DEFAULT_MEMBER = "sv_desktop_member"

# Quoted identifiers may hold these (a Kerberos principal has "." and "@"); never a quote or a backslash.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.@$-]{0,62}")


class TeamSetupError(ValueError):
    """A name that cannot go into the script; the message says which and why."""


def _checked(value: str, what: str) -> str:
    if not _NAME.fullmatch(value):
        raise TeamSetupError(_("The {what} name {value!r} is not usable: use letters, digits, '_', "
                               "'.', '@', '$' or '-', starting with a letter or '_', at most 63 "
                               "characters.").format(what=what, value=value))
    return value


def setup_sql(schema: str = DEFAULT_SCHEMA, owner: str = DEFAULT_OWNER, member: str = DEFAULT_MEMBER,
              database: str | None = None) -> str:
    """The set-up script with these names. With `database`, members find the schema without setting a
    search path in their connection (ALTER DATABASE ... SET search_path)."""
    names = {"schema": _checked(schema, "schema"), "owner": _checked(owner, "owner role"),
             "member": _checked(member, "member role")}
    if len(set(names.values())) != 3:
        raise TeamSetupError(_("The schema, the owner role and the member role need three different "
                               "names."))
    if database is not None:
        line = f'ALTER DATABASE "{_checked(database, "database")}" SET search_path = "{schema}";'
    else:
        line = (f'-- Members find the tables through their search path: add options=-csearch_path={schema} to '
                "their database URL,\n-- or print this script with --database NAME to set it for the whole database.")
    text = (resources_dir() / "postgres" / "setup-roles.sql").read_text(encoding="utf-8")
    return text.format_map({**names, "search_path": line.replace("{", "{{").replace("}", "}}")})
