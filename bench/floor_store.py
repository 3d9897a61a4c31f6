"""Floor for the tender list: Python's own sqlite3 running exactly the SQL the store runs to list the
tenders (captured from the store's engine, so the floor follows the store's query as it changes) and
fetching every row, with no conversion of any value: no Decimal, no dates, no objects.

Run as a script: `python bench/floor_store.py DATA_DIR [TEXT]` prints the rows and seconds of both.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

Query = tuple[str, tuple]


def capture_list_query(service, text: str = "") -> Query:
    """The statement and parameters `service.list_tenders(text)` sends to SQLite."""
    from sqlalchemy import event

    engine = service._store.engine
    seen: list[Query] = []

    def capture(_conn, _cursor, statement, parameters, _context, _executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, tuple(parameters or ())))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        service.list_tenders(text)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    if len(seen) != 1:
        raise RuntimeError(f"listing tenders ran {len(seen)} SELECT statements; the floor expects one")
    return seen[0]


def connect(database: Path) -> sqlite3.Connection:
    """A connection set up as the app's (WAL, busy timeout), kept open as the app's pool keeps one."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA busy_timeout=5000")
    return connection


def run_query(connection: sqlite3.Connection, query: Query) -> list[tuple]:
    statement, parameters = query
    return connection.execute(statement, parameters).fetchall()


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: floor_store.py DATA_DIR [TEXT]", file=sys.stderr)
        return 2
    from sv_desktop.services.tender_service import open_service

    service = open_service(Path(argv[0]))
    try:
        text = argv[1] if len(argv) > 1 else ""
        query = capture_list_query(service, text)
        connection = connect(service.paths.database)
        start = time.perf_counter()
        rows = run_query(connection, query)
        middle = time.perf_counter()
        listed = service.list_tenders(text)
        end = time.perf_counter()
        print(f"sqlite3: {len(rows)} rows in {middle - start:.4f} s; "
              f"service: {len(listed)} in {end - middle:.4f} s")
    finally:
        service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
