"""User settings: a small JSON file in the data folder, with Trust-wide presets.

Precedence, lowest first: built-in defaults, a machine-wide preset file (JSON, named
`sv-desktop-defaults.json` beside the executable, or the file named by SV_DESKTOP_DEFAULTS, so Trust IT can
preset the organisation name or a shared database URL), then the user's own `settings.json`.
A damaged settings file is moved aside and defaults are used: settings must never stop the app opening.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .paths import AppPaths

DEFAULTS_ENV = "SV_DESKTOP_DEFAULTS"
DEFAULTS_FILE = "sv-desktop-defaults.json"
DEFAULT_ORGANISATION = "Leicestershire Partnership NHS Trust"


@dataclass
class Settings:
    organisation: str = DEFAULT_ORGANISATION
    organisation_identifier: str = ""
    """The organisation's identifier in notices (e.g. its Find a Tender or Companies House identifier)."""
    report_author: str = ""
    """Who the compliance report is from (a name or team); empty: the organisation."""
    ocid_prefix: str = ""
    """The Open Contracting ID prefix registered for the Trust (ocds-xxxxxx); empty: "ocds-local"."""
    reference_prefix: str = "LPT"
    local_postcode_areas: list[str] = field(default_factory=lambda: ["LE", "NN"])
    default_word_limit: int = 750
    default_scoring_scale: str = "0-5"
    database_url: str = ""
    contact_email: str = ""
    """The procurement team's mailbox, printed as the contact in packs and briefs."""
    """Shared PostgreSQL database for team mode; empty means the local SQLite file."""
    path: Path | None = field(default=None, repr=False, compare=False)

    def save(self) -> None:
        """Write atomically so a crash mid-write leaves the old file intact."""
        if self.path is None:
            return
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "path"}
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        # Readable by its user only (it may hold the team database's address), whatever the umask.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, indent=2, ensure_ascii=False))
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def is_local_postcode(self, postcode: str) -> bool:
        """True when the postcode's area (its leading letters) is one of the local areas."""
        area = "".join(ch for ch in postcode.strip().upper()[:2] if ch.isalpha())
        return bool(area) and area in {a.strip().upper() for a in self.local_postcode_areas}


def _clean(raw: object) -> dict:
    """Keep only known keys with values of the right type; ignore the rest."""
    if not isinstance(raw, dict):
        return {}
    defaults = asdict(Settings())
    out: dict = {}
    for key, default in defaults.items():
        if key == "path" or key not in raw:
            continue
        value = raw[key]
        if isinstance(default, list):
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[key] = [v.strip().upper() for v in value if v.strip()]
        elif isinstance(default, bool):
            if isinstance(value, bool):
                out[key] = value
        elif isinstance(default, int):
            if isinstance(value, int) and not isinstance(value, bool) and 50 <= value <= 10000:
                out[key] = value
        elif isinstance(value, str) and len(value) < 1000:
            if key == "default_scoring_scale" and value not in ("0-5", "0-100"):
                continue
            out[key] = value
    return out


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None


def machine_defaults_file() -> Path | None:
    env = os.environ.get(DEFAULTS_ENV)
    if env:
        return Path(env)
    base = Path(sys.executable).parent if getattr(sys, "frozen", False) else None
    return base / DEFAULTS_FILE if base else None


def load_settings(paths: AppPaths) -> Settings:
    values: dict = {}
    preset = machine_defaults_file()
    if preset is not None and preset.is_file():
        values.update(_clean(_read_json(preset)))
    own = paths.settings_file
    if own.exists():
        raw = _read_json(own)
        if raw is None:
            _move_aside(own)
        else:
            values.update(_clean(raw))
    return Settings(**values, path=own)


def _move_aside(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(path.name + ".damaged"))
