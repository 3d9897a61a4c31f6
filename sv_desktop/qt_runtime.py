"""Before Qt starts: are the system libraries Qt needs on this machine? If not, say which, and how to
install them, instead of letting Qt abort.

`python -m sv_desktop.qt_runtime` exits 0 when they are all there and 1 (with the message) when not;
`make run` and `make test` run it first. Only Linux needs this: Windows and macOS wheels of PySide6 carry
what they need. Nothing here imports Qt.
"""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Callable
from pathlib import Path

# Library (as ctypes.util.find_library names it) -> the Debian/Ubuntu package that provides it.
# Qt needs these even offscreen (tests, screenshots); README.md lists the same packages.
QT_LIBRARIES: dict[str, str] = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "glib-2.0": "libglib2.0-0",
    "dbus-1": "libdbus-1-3",
    "xkbcommon": "libxkbcommon0",
}


def missing_libraries(find: Callable[[str], str | None] = ctypes.util.find_library,
                      platform: str = sys.platform) -> list[tuple[str, str]]:
    """(library, package) of every Qt runtime library this machine lacks; empty when all are there."""
    if not platform.startswith("linux"):
        return []
    return [(library, package) for library, package in QT_LIBRARIES.items() if find(library) is None]


def install_command(packages: list[str], debian: bool | None = None) -> str:
    if debian is None:
        debian = Path("/etc/debian_version").exists()
    command = f"sudo apt-get install {' '.join(packages)}"
    return command if debian else f"{command}  (on Debian or Ubuntu; install the same libraries by your system's own packages)"


def problem(missing: list[tuple[str, str]]) -> str:
    """What to tell the user about `missing`, in plain words with the exact command."""
    names = ", ".join(f"lib{library} ({package})" for library, package in missing)
    return (f"sv-desktop cannot start Qt: this machine lacks {names}.\n"
            f"Install them with:\n    {install_command([package for _, package in missing])}")


def main() -> int:
    missing = missing_libraries()
    if missing:
        print(problem(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
