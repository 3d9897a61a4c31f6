"""Floor for autosave: what one durable commit costs on this machine, with Python's sqlite3 alone.

The same database file, the app's pragmas (WAL, synchronous=FULL), one small UPDATE per transaction.
Nothing can commit to disk faster than this; the autosave goal itself is absolute (under 20 ms), and this
figure says how much of it the disk takes.
Run as a script: `python bench/floor_autosave.py DATABASE [COUNT]` prints the 95th percentile in ms.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path


def commit_latencies(database: Path, count: int, tender_id: int | None = None) -> list[float]:
    """Seconds per commit of `count` one-row updates to the title of one tender."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        for pragma in ("busy_timeout=5000", "journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")
        if tender_id is None:
            tender_id = connection.execute("SELECT min(id) FROM tender").fetchone()[0]
        title = connection.execute("SELECT title FROM tender WHERE id = ?", (tender_id,)).fetchone()[0]
        latencies = []
        for index in range(count):
            start = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("UPDATE tender SET title = ?, version_id = version_id + 1 WHERE id = ?",
                               (f"{title} ({index})", tender_id))
            connection.execute("COMMIT")
            latencies.append(time.perf_counter() - start)
        connection.execute("UPDATE tender SET title = ? WHERE id = ?", (title, tender_id))
        return latencies
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: floor_autosave.py DATABASE [COUNT]", file=sys.stderr)
        return 2
    latencies = sorted(commit_latencies(Path(argv[0]), int(argv[1]) if len(argv) > 1 else 1000))
    print(f"{latencies[int(len(latencies) * 0.95) - 1] * 1000:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
