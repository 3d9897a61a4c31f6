"""The audit trail of a tender, as plain data: each version, who made it, when, how, and what changed.

The store keeps every version's file form (`.svtender.json` text); what changed between two versions is
worked out here from those texts, key by key, in the words of the tender file format.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

ACTIONS = {
    "created": "Created",
    "saved": "Saved",
    "imported": "Imported from a file",
    "restored_version": "An earlier version restored",
    "deleted": "Moved to the bin",
    "undeleted": "Restored from the bin",
    "before_history": "As it stood before the history was kept",
}
"""How each kind of change is shown; an action this version does not know is shown as it is stored."""

KEY_NAMES = {
    "reference": "reference", "title": "title", "category": "category", "value_excl_vat_gbp": "value",
    "vat_rate_pct": "VAT rate", "duration_months": "duration", "route": "route",
    "tender_notice_date": "tender notice date", "contract_start_date": "contract start date",
    "social_value_weighting_pct": "social value weighting", "themes": "themes", "kpis": "KPIs",
    "lots": "lots", "think_local": "think local", "spec_refresh": "specification refresh",
    "modern_slavery_risk_assessment": "modern slavery risk assessment",
    "confidentiality_reviewed": "confidentiality review", "kpi_exemption_reason": "KPI exemption reason",
    "is_framework": "framework", "questions": "questions", "leads": "leads", "description": "description",
    "stage": "stage", "current_step": "step reached", "engagement": "engagement", "award": "award",
    "kpi_results": "KPI results", "case_studies": "case studies", "role_checklists": "role checklists",
}
IGNORED_KEYS = frozenset({"format", "format_version", "version", "updated_at"})

COALESCE_WINDOW = dt.timedelta(minutes=10)
"""Saves by the same person within this time of their last one extend that version instead of adding one,
so a morning's autosaves are one version, not hundreds."""


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    version: int
    action: str
    changed_at: dt.datetime
    changed_by: str
    has_snapshot: bool
    changes: tuple[str, ...] = field(default=())
    """What changed since the version before, in words ("title", "KPIs"); empty when unknown."""

    @property
    def action_text(self) -> str:
        return ACTIONS.get(self.action, self.action.replace("_", " ").capitalize())

    @property
    def who(self) -> str:
        return self.changed_by or "unknown"

    @property
    def changes_text(self) -> str:
        if self.action in ("created", "deleted", "undeleted", "before_history"):
            return ""
        return ", ".join(self.changes) if self.changes else "nothing that shows in the file"


def changed_keys(before: str | None, after: str | None) -> tuple[str, ...]:
    """The top-level keys of the tender file whose values differ between two snapshots, as words."""
    if not after:
        return ()
    new = _load(after)
    old = _load(before) if before else {}
    if not old:
        return ("everything",) if before is None else ()
    keys = [key for key in new.keys() | old.keys() if key not in IGNORED_KEYS and new.get(key) != old.get(key)]
    order = list(KEY_NAMES)
    keys.sort(key=lambda key: order.index(key) if key in order else len(order))
    return tuple(KEY_NAMES.get(key, key) for key in keys)


def _load(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
