"""Start-up: process start to the main window shown and idle, against an empty PySide6 window; and, for
information, until the window's list is filled.

Both are fresh processes (nothing warm but the operating system's file cache, which a first run after
opening the data folder warms for both). The app opens a data folder holding the worked examples, as a
manager's everyday folder would, never a folder created on the spot (that would time the first-run
migration, which happens once per installation).

The app shows its window at once, saying "Loading tenders…", and opens the database and reads the list
off the UI thread once the window is idle. The goal is on the first moment (`startup`); the second line
(`startup_list`, no goal of its own) says how long the manager waits for the list, so that the first is
not misread as "everything is ready".
"""

from __future__ import annotations

from pathlib import Path

from sv_desktop.gui import EXIT_WHEN_IDLE_ENV, IDLE_MARKER, LIST_MARKER

from .floor_startup import MARKER as FLOOR_MARKER
from .harness import (
    ChildRun,
    Result,
    alternate,
    child_env,
    for_information,
    median,
    ratio_goal,
    run_until_marker,
)

GOAL_RATIO = 1.5
FLOOR_SCRIPT = Path(__file__).with_name("floor_startup.py")


def app_run(data_dir: Path) -> ChildRun:
    """One start: `seconds_to_markers` holds the time to the window idle, then to the list filled; the
    peak memory is read when the list is filled."""
    env = child_env(**{EXIT_WHEN_IDLE_ENV: "1"})
    return run_until_marker(["-m", "sv_desktop", "--data-dir", str(data_dir)], (IDLE_MARKER, LIST_MARKER), env)


def floor_run() -> ChildRun:
    return run_until_marker([str(FLOOR_SCRIPT)], FLOOR_MARKER, child_env())


def prepare_data_dir(data_dir: Path) -> Path:
    """A data folder holding the worked example tenders, opened once so it is at the current schema."""
    from sv_desktop.demo import load_demo
    from sv_desktop.services.tender_service import open_service

    service = open_service(data_dir)
    try:
        load_demo(service)
        service.backup_if_changed("startup")
    finally:
        service.close()
    return data_dir


def bench_startup(workdir: Path, repeat: int = 5) -> list[Result]:
    """[the window shown and idle (goal: ratio <= 1.5), the list filled (for information)]."""
    data_dir = prepare_data_dir(Path(workdir) / "startup")
    app_run(data_dir)  # warm the file cache for the app's modules, as floor_run() does for PySide6's
    floor_run()
    filled: list[float] = []

    def one_app_run() -> float:
        run = app_run(data_dir)
        filled.append(run.seconds_to_markers[-1])
        return run.seconds_to_marker

    app_times, floor_times = alternate(repeat, one_app_run, lambda: floor_run().seconds_to_marker)
    floor = median(floor_times)
    return [ratio_goal("startup", median(app_times), floor, "s", GOAL_RATIO, repeat,
                       app_runs=[round(t, 3) for t in app_times],
                       floor_runs=[round(t, 3) for t in floor_times]),
            for_information("startup_list", median(filled), floor, "s", repeat,
                            app_runs=[round(t, 3) for t in filled],
                            what="until the list is filled, from the same starts")]
