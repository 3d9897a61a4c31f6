"""Save dialogs open on the file type of the name they suggest: "Tender pipeline.xlsx" is offered with
"Excel workbooks (*.xlsx)" chosen, not with the first filter of the list."""

from __future__ import annotations

import fnmatch
from pathlib import Path


def matching_filter(filters: str, suggested: str | Path) -> str:
    """The filter of a ";;"-separated list whose patterns match the suggested file name ("" if none)."""
    name = Path(suggested).name.lower()
    for entry in filters.split(";;"):
        patterns = entry[entry.find("(") + 1:entry.rfind(")")].split() if "(" in entry else []
        if any(pattern != "*" and fnmatch.fnmatch(name, pattern.lower()) for pattern in patterns):
            return entry
    return ""
