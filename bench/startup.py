"""Start-up: process start to the main window shown and idle, against an empty PySide6 window.

Both are fresh processes (nothing warm but the operating system's file cache, which a first run after
opening the data folder warms for both). The app opens a data folder holding the worked examples, as a
manager's everyday folder would, never a folder created on the spot (that would time the first-run
migration, which happens once per installation).
"""

from __future__ import annotations

from pathlib import Path

from sv_desktop.gui import EXIT_WHEN_IDLE_ENV, IDLE_MARKER

from .floor_startup import MARKER as FLOOR_MARKER
from .harness import Result, alternate, child_env, median, ratio_goal, run_until_marker

GOAL_RATIO = 1.5
FLOOR_SCRIPT = Path(__file__).with_name("floor_startup.py")


def app_run(data_dir: Path):
    env = child_env(**{EXIT_WHEN_IDLE_ENV: "1"})
    return run_until_marker(["-m", "sv_desktop", "--data-dir", str(data_dir)], IDLE_MARKER, env)


def floor_run():
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


def bench_startup(workdir: Path, repeat: int = 5) -> Result:
    data_dir = prepare_data_dir(Path(workdir) / "startup")
    app_run(data_dir)  # warm the file cache for the app's modules, as floor_run() does for PySide6's
    floor_run()
    app_times, floor_times = alternate(repeat, lambda: app_run(data_dir).seconds_to_marker,
                                       lambda: floor_run().seconds_to_marker)
    return ratio_goal("startup", median(app_times), median(floor_times), "s", GOAL_RATIO, repeat,
                      app_runs=[round(t, 3) for t in app_times],
                      floor_runs=[round(t, 3) for t in floor_times])
