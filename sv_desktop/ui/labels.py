"""Words the screens show for the model's fixed ids that the toolkit content does not label.

Kept together so wording is consistent everywhere (list, wizard, print) and easy to review.
"""

from __future__ import annotations

from ..model.content import unknown_label
from ..model.pipeline import STAGE_NAMES

STAGE_LABELS: dict[str, str] = STAGE_NAMES
"""The lifecycle stages as every screen and export names them (one wording, kept in the model)."""

ROLE_SHORT_LABELS: dict[str, str] = {
    "procurement_lead": "Procurement Lead",
    "bid_lead": "Bid Lead",
    "technical_lead": "Technical Lead(s)",
    "social_value_lead": "Social Value Lead",
    "contract_management_lead": "Contract Management Lead",
    "finance_lead": "Finance Lead",
}
"""Role names short enough for six tabs side by side; the policy's full title heads each role's page."""

RISK_LABELS: dict[str, str] = {"low": "Low", "medium": "Medium", "high": "High"}

FREQUENCY_LABELS: dict[str, str] = {
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "six_monthly": "Every six months",
    "annually": "Annually",
}

SEVERITY_LABELS: dict[str, str] = {
    "blocker": "Blocker",
    "requirement": "Requirement",
    "warning": "Warning",
    "advice": "Advice",
}
SEVERITY_ICONS: dict[str, str] = {
    "blocker": "sev-blocker",
    "requirement": "sev-requirement",
    "warning": "sev-warning",
    "advice": "sev-advice",
}
SEVERITY_ORDER: dict[str, int] = {"blocker": 0, "requirement": 1, "warning": 2, "advice": 3}


def compliance_text(compliant: bool | None) -> str:
    if compliant is None:
        return "Not checked"
    return "Compliant" if compliant else "Not compliant"


def compliance_icon(compliant: bool | None) -> str:
    if compliant is None:
        return "not-checked"
    return "compliant" if compliant else "not-compliant"


def label(mapping: dict[str, str], key: str | None) -> str:
    """The label for an id, or "Unknown (id)" when the data holds one the screen does not know (a value
    written into the database by something other than this version of the app)."""
    if key is None:
        return ""
    return mapping.get(key) or unknown_label(key)
