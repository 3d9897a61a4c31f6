"""Helper process for the crash test: imports once, then forks one writer per request.

Protocol on stdin/stdout, one line each: the test writes "go"; this process forks a writer and prints
"pid N". The writer opens the store (the real start-up path, recovering after the previous kill) and saves
tenders forever, printing "ack REFERENCE VERSION" only after each commit has returned. When the writer dies
(the test SIGKILLs it) this process prints "done N STATUS". The writer also prints "open N" once its
store is open. Forking from a warm process keeps hundreds of kills fast.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy.orm import configure_mappers  # noqa: E402
from store_helpers import full_tender  # noqa: E402

from sv_desktop.model.tender import Kpi  # noqa: E402
from sv_desktop.paths import app_paths  # noqa: E402
from sv_desktop.store import TenderStore  # noqa: E402
from sv_desktop.store.migrate import head_revision  # noqa: E402

REFERENCES = [f"CRASH-{i:02d}" for i in range(12)]


def expected_title(reference: str, version: int) -> str:
    return f"{reference} saved as version {version}"


def write_forever(data_dir: str, seed: int) -> None:
    rng = random.Random(seed)
    store = TenderStore.open(app_paths(data_dir))
    os.write(1, f"open {os.getpid()}\n".encode())
    writes = 0
    while True:
        reference = rng.choice(REFERENCES)
        if store.exists(reference):
            tender = store.get(reference)
            tender.title = expected_title(reference, tender.version + 1)
            tender.kpis = [Kpi(name=f"KPI {n} of v{tender.version + 1}") for n in range(rng.randint(0, 30))]
            saved = store.save(tender)
        else:
            tender = full_tender(reference)
            tender.title = expected_title(reference, 1)
            tender.kpis = [Kpi(name="KPI of v1")]
            saved = store.create(tender)
        os.write(1, f"ack {saved.reference} {saved.version}\n".encode())
        writes += 1
        if writes % 15 == 0:
            store.backup("crash-test")


def main() -> None:
    data_dir = sys.argv[1]
    configure_mappers()  # warm what every writer would otherwise repeat
    head_revision()
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(data_dir, os.getpid())
            finally:
                os._exit(3)
        sys.stdout.write(f"pid {pid}\n")
        sys.stdout.flush()
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(f"done {pid} {status}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
