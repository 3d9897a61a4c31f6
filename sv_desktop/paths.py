"""Every folder the app uses, decided in one place.

The data folder is platformdirs' user data folder (Local AppData on Windows, never roaming), unless
`--data-dir` or `SV_DESKTOP_DATA_DIR` says otherwise; tests and portable builds use that override.
The bundled `resources/` folder is found beside the package, or inside a frozen build.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import APP_NAME

DATA_DIR_ENV = "SV_DESKTOP_DATA_DIR"
DATABASE_URL_ENV = "SV_DESKTOP_DATABASE_URL"
RESOURCES_ENV = "SV_DESKTOP_RESOURCES"
DATABASE_FILE = "sv-desktop.sqlite3"


def resources_dir() -> Path:
    """The folder holding the toolkit content, rules, fonts and icons."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    # appauthor=False keeps the Windows path to %LOCALAPPDATA%\sv-desktop; roaming=False is the default.
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def damaged(self) -> Path:
        """Where a database that could not be opened is moved aside (never deleted)."""
        return self.data_dir / "damaged"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "sv-desktop.lock"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"


def app_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Paths for a given --data-dir, else the environment variable, else the platform default."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    return AppPaths(Path(chosen).expanduser().resolve())


def database_url_from_env() -> str | None:
    return os.environ.get(DATABASE_URL_ENV) or None
