"""Under the pseudo-locale no window shows plain English that is not data: every label, button, group box,
tab and window title of the main window, each wizard step and every dialog goes through `_()`.

The windows are shown in a process of their own (the language is chosen when the app starts) by
`pseudo_probe`; its reading of a text is checked here first on texts that must and must not be reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sv_desktop.i18n import pseudo

from .pseudo_probe import data_text, english_in

ROOT = Path(__file__).resolve().parents[2]


def test_the_probe_reports_english_and_passes_translated_text_and_data():
    data = data_text()
    assert english_in(pseudo("&Save") + " Clear filte&rs", data) == ["Clear filters"]
    assert english_in(pseudo("Export {name}").format(name="PDF"), data) == []  # short words pass
    assert english_in(pseudo("Stage: {stage}").format(stage=pseudo("Awarded / in delivery")), data) == []
    assert english_in(pseudo("Supplier: {name}").format(name="Midshires Independent Living Services Ltd"),
                      data) == []  # a worked example's own text
    assert english_in("<b>" + pseudo("Requirement") + ":</b> Policy check pending", data) == [
        "Policy check pending"]
    assert english_in("Database check", data) == ["Database check"]


def test_no_window_shows_english_under_the_pseudo_locale():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SV_DESKTOP_LANG="pseudo")
    done = subprocess.run([sys.executable, "-m", "tests.ui.pseudo_probe"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    problems = json.loads(done.stdout)
    assert problems == [], "Not translatable yet:\n" + "\n".join(problems)
