"""Benchmarks of sv-desktop against floors: `make bench` (or `python -m bench --help`).

Each benchmark measures a real path through the app (fresh processes for start-up and memory, the real
service and store, the real main window offscreen) against the least the same job can cost with the bare
library underneath (an empty PySide6 window, plain reportlab, Python's sqlite3), and compares the ratio, or
for autosave, keystrokes and memory the figure itself, with the goal of issue 9. See docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .dataset import DataDirs
from .harness import Result


@dataclass
class Config:
    workdir: Path
    data: DataDirs
    tenders: int = 10_000
    repeat: int = 5
    edits: int = 1000


def _startup(c: Config) -> list[Result]:
    from .startup import bench_startup

    return bench_startup(c.workdir, max(c.repeat, 1))


def _pack(c: Config) -> list[Result]:
    from .pack import bench_pack

    return [bench_pack(c.workdir, c.repeat)]


def _store(c: Config) -> list[Result]:
    from .store import bench_keystroke, bench_store

    return [*bench_store(c.data, c.tenders, c.repeat + 2),
            bench_keystroke(c.data, c.tenders, max(1, c.repeat // 2))]


def _autosave(c: Config) -> list[Result]:
    from .autosave import bench_autosave

    return [bench_autosave(c.data, c.tenders, c.edits)]


def _memory(c: Config) -> list[Result]:
    from .memory import bench_memory

    return [bench_memory(c.data, c.tenders, max(1, c.repeat // 2 + 1))]


def _evaluation(c: Config) -> list[Result]:
    from .evaluation import bench_evaluation

    return [bench_evaluation(c.workdir, c.repeat)]


BENCHMARKS: dict[str, Callable[[Config], list[Result]]] = {
    "startup": _startup, "pack": _pack, "store": _store, "autosave": _autosave, "memory": _memory,
    "evaluation": _evaluation,
}
