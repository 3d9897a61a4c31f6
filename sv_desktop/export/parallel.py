"""Many documents written at once, in two worker processes: the bidders' assessment summaries (ten bidders are
twenty PDF and Word files) take a second or more each way, and a computer has at least two cores.

The workers are started the first time they are needed, by the "spawn" method (the only one Windows has, and
the one a frozen build supports, with `multiprocessing.freeze_support()` in its entry script), then kept for
the next batch, so each batch pays for the documents only; they end with the program. They write in the
language the program speaks (restarted if it changes). Everything falls back to writing here, one document
after the other: a computer with one core, a single document, a file to replace that is read-only (only this
process holds the manager's agreement to replace it), or workers that cannot start or died.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..i18n import install, language

WORKERS = 2

Job = tuple[Callable[..., Path], tuple[Any, ...]]
"""A writer and its arguments, the last of which is the file it writes."""

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_language = ""


def _start_worker(speaking: str) -> None:
    install(speaking)


def _read_only(out: object) -> bool:
    try:
        return isinstance(out, Path) and not stat.S_IMODE(out.lstat().st_mode) & 0o222
    except OSError:
        return False


def _executor() -> ProcessPoolExecutor | None:
    global _pool, _pool_language
    with _lock:
        if _pool is not None and _pool_language != language():
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None
        if _pool is None and (os.cpu_count() or 1) >= 2:
            try:
                _pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_worker, initargs=(language(),))
            except (OSError, ValueError):
                return None
            _pool_language = language()
        return _pool


def _forget(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def write_all(jobs: Sequence[Job]) -> list[Path]:
    """Call each job's writer with its arguments, in the workers where they can run; the files written, in
    the jobs' order. A writer's ExportError reaches the caller as it would from a call made here."""
    pool = None
    if len(jobs) > 1 and not any(_read_only(args[-1]) for _writer, args in jobs):
        pool = _executor()
    if pool is None:
        return [writer(*args) for writer, args in jobs]
    try:
        futures: list[Future[Path]] = [pool.submit(writer, *args) for writer, args in jobs]
        return [future.result() for future in futures]
    except BrokenProcessPool:
        _forget(pool)
        return [writer(*args) for writer, args in jobs]
