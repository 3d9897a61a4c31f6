"""The bid windows join the windows every keyboard and layout check walks: no two things on one key, and
nothing cut off at 1366 x 768."""

from __future__ import annotations

from .keyboard_audit import collisions
from .layout_probe import check
from .windows import bid_windows


def test_the_bid_windows_have_no_key_twice_and_nothing_cut_off(qtbot, real_service):
    names, problems = [], []
    for name, window in bid_windows(real_service, (1366, 768)):
        names.append(name)
        problems += collisions(window, f"{name}: ")
        problems += check(name, window, (1366, 768))
    assert names[-1] == "commitment library" and len(names) == 5
    assert problems == [], "\n".join(problems)
