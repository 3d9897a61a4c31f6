"""Memory: peak resident memory of the app, started in a fresh process on a data folder of 10,000 tenders
and left until the main window shows the list and is idle (the second start-up marker). The floor (for context only: the goal is
absolute) is the same figure for the empty PySide6 window of `floor_startup`.
"""

from __future__ import annotations

from .dataset import DataDirs
from .harness import Result, median, value_goal
from .startup import app_run, floor_run

LIMIT_MB = 250.0


def bench_memory(data: DataDirs, count: int = 10_000, repeat: int = 3) -> Result:
    data_dir = data.fresh(count, "memory")
    app_run(data_dir)  # the first start after a copy takes the start-up backup; later ones find it current
    app, floor = [], []
    for _ in range(repeat):
        floor.append(floor_run().peak_rss_mb)
        app.append(app_run(data_dir).peak_rss_mb)
    timed = app_run(data_dir)
    return value_goal("memory", median(app), median(floor), "MB", LIMIT_MB, repeat,
                      tenders=count, app_runs=[round(v, 1) for v in app],
                      window_idle_s_with_these_tenders=round(timed.seconds_to_marker, 2),
                      list_filled_s_with_these_tenders=round(timed.seconds_to_markers[-1], 2))
