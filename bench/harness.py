"""What every benchmark shares: the result record, medians, percentiles and timed child processes."""

from __future__ import annotations

import gc
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MARKER_TIMEOUT_S = 120.0


@dataclass
class Result:
    """One benchmark's figure against its floor and its goal.

    `ratio` is value / floor. A goal on the ratio ("ratio <= 1.5") compares like with like on any machine;
    a goal on the value itself ("value < 20 ms") is an absolute promise to the user, and its floor is
    shown only for context (what the machine itself costs).
    """

    bench: str
    value: float
    floor: float | None
    unit: str
    goal: str
    limit: float
    on_ratio: bool
    runs: int
    detail: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    @property
    def informational(self) -> bool:
        return math.isinf(self.limit)

    @property
    def met(self) -> bool:
        if self.on_ratio:
            return self.ratio is not None and self.ratio <= self.limit
        return self.value < self.limit

    def as_json(self) -> dict:
        record = asdict(self)
        for key in ("limit", "on_ratio"):
            record.pop(key)
        ratio = self.ratio
        return {"bench": self.bench, "value": _round(self.value), "floor": _round(self.floor),
                "ratio": None if ratio is None else round(ratio, 3), "goal": self.goal, "met": self.met,
                "unit": self.unit, "runs": self.runs, "detail": record["detail"]}


def ratio_goal(bench: str, value: float, floor: float, unit: str, limit: float, runs: int,
               **detail) -> Result:
    return Result(bench, value, floor, unit, f"ratio <= {limit:g}", limit, True, runs, detail)


def value_goal(bench: str, value: float, floor: float | None, unit: str, limit: float, runs: int,
               **detail) -> Result:
    return Result(bench, value, floor, unit, f"value < {limit:g} {unit}", limit, False, runs, detail)


def for_information(bench: str, value: float, floor: float | None, unit: str, runs: int, **detail) -> Result:
    """A figure reported beside a goal so that it is not misread (it has no goal of its own: it is always
    "met"). The start-up's "list filled" time is one: the goal is on the window being shown and idle."""
    return Result(bench, value, floor, unit, "none: information", math.inf, False, runs, detail)


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return round(value, 4 if abs(value) < 10 else 1)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `pct`% of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(fn: Callable[[], object]) -> float:
    """Seconds taken by one call of `fn`, starting from a collected heap so that a garbage collection
    left over from earlier work is not charged to it (collections it causes itself still count)."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(repeat: int, app: Callable[[], float],
              floor: Callable[[], float]) -> tuple[list[float], list[float]]:
    """Run app and floor turn about, so a machine that slows down mid-run slows both alike."""
    app_times, floor_times = [], []
    for _ in range(repeat):
        floor_times.append(floor())
        app_times.append(app())
    return app_times, floor_times


BYTECODE_DIR = REPO_ROOT / "bench" / ".cache" / "bytecode"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a timed child process (app or floor alike).

    Children keep their compiled bytecode, in `bench/.cache/bytecode`, even where the shell says not to
    write it (PYTHONDONTWRITEBYTECODE): an installed sv-desktop never compiles its modules as it starts (pip
    compiles a wheel when installing it, the frozen build carries bytecode, and Python keeps what it
    compiled on the first start), so compiling them at every start would time something no manager waits
    for. The untimed first run of each benchmark writes the bytecode.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE_DIR)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


@dataclass
class ChildRun:
    seconds_to_marker: float
    """Until the first marker."""
    peak_rss_mb: float
    """The child's VmHWM when it printed the last marker: its peak resident memory up to that moment."""
    seconds_to_markers: list[float] = field(default_factory=list)
    """Until each marker, in the order they were asked for."""


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a running process, in MB.

    Read from /proc rather than from wait4 or RUSAGE_CHILDREN: Linux carries the parent's high-water mark
    into a child across fork and exec, so a child of this (large) process would report at least this
    process's own size.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError as exc:
        raise RuntimeError(f"the memory of process {pid} cannot be read: {exc}") from exc
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"process {pid} had already exited when its peak memory was read")


def run_until_marker(args: Sequence[str], marker: str | Sequence[str], env: dict[str, str],
                     timeout: float = MARKER_TIMEOUT_S) -> ChildRun:
    """Start a fresh Python process and time it from just before the start until it prints `marker` (or
    each of several markers, printed in that order).

    Its peak memory is read the moment the last marker arrives, while it is still shutting down; then it
    is left to exit by itself, and must exit cleanly.
    """
    wanted = [marker] if isinstance(marker, str) else list(marker)
    with tempfile.TemporaryFile("w+") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=stderr, env=env,
                                text=True, cwd=REPO_ROOT)
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        seen: list[float] = []
        peak = 0.0
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.strip() == wanted[len(seen)]:
                    seen.append(time.perf_counter() - start)
                    if len(seen) == len(wanted):
                        peak = peak_rss_mb(proc.pid)
                        break
            proc.stdout.read()
            proc.wait()
        finally:
            watchdog.cancel()
            proc.stdout.close()
        stderr.seek(0)
        errors = stderr.read()[-2000:]
    command = " ".join(args)
    if len(seen) < len(wanted):
        raise RuntimeError(f"{command} ended (exit {proc.returncode}) without printing "
                           f"{wanted[len(seen)]!r}: {errors}")
    if proc.returncode != 0:
        raise RuntimeError(f"{command} exited with {proc.returncode}: {errors}")
    return ChildRun(seen[0], peak, seen)
