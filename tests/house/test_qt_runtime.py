"""Before Qt starts, a machine without Qt's system libraries is told which are missing and how to install
them, instead of a Qt abort."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sv_desktop.qt_runtime import QT_LIBRARIES, install_command, missing_libraries, problem

ROOT = Path(__file__).resolve().parents[2]


def test_this_machine_has_every_qt_library():
    assert missing_libraries() == []
    done = subprocess.run([sys.executable, "-m", "sv_desktop.qt_runtime"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0 and done.stderr == ""


def test_a_missing_library_is_named_with_its_package_and_the_command():
    missing = missing_libraries(find=lambda name: None if name in {"EGL", "xkbcommon"} else f"lib{name}.so",
                                platform="linux")
    assert missing == [("EGL", "libegl1"), ("xkbcommon", "libxkbcommon0")]
    text = problem(missing)
    assert "libEGL (libegl1)" in text and "libxkbcommon (libxkbcommon0)" in text
    assert text.splitlines()[-1].strip() == "sudo apt-get install libegl1 libxkbcommon0"


def test_only_linux_is_checked():
    assert missing_libraries(find=lambda name: None, platform="win32") == []


def test_the_command_off_debian_says_so():
    assert install_command(["libegl1"], debian=False).startswith("sudo apt-get install libegl1  (on Debian")


def test_make_run_and_make_test_check_first_and_the_readme_lists_the_same_packages():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test"):
        body = re.search(rf"^{target}: .*\n((?:\t.*\n)+)", makefile, re.M).group(1)
        assert body.splitlines()[0].strip() == "@$(BIN)/python -m sv_desktop.qt_runtime", target
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in QT_LIBRARIES.values():
        assert package in readme, package
