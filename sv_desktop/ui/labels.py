"""Words the screens show for the model's fixed ids that the toolkit content does not label.

Kept together so wording is consistent everywhere (list, wizard, print) and easy to review. Each is a function
so that it is read in the language in use when the screen is built, not the one at import.
"""

from __future__ import annotations

from ..i18n import _
from ..model.content import unknown_label
from ..model.pipeline import STAGE_NAMES


def stage_labels() -> dict[str, str]:
    """The lifecycle stages as every screen names them (one wording, kept in the model), in stage order."""
    return {stage: _(name) for stage, name in STAGE_NAMES.items()}


def role_short_labels() -> dict[str, str]:
    """Role names short enough for six tabs side by side; the policy's full title heads each role's page."""
    return {
        "procurement_lead": _("Procurement Lead"),
        "bid_lead": _("Bid Lead"),
        "technical_lead": _("Technical Lead(s)"),
        "social_value_lead": _("Social Value Lead"),
        "contract_management_lead": _("Contract Management Lead"),
        "finance_lead": _("Finance Lead"),
    }


def risk_labels() -> dict[str, str]:
    return {"low": _("Low"), "medium": _("Medium"), "high": _("High")}


def frequency_labels() -> dict[str, str]:
    return {
        "monthly": _("Monthly"),
        "quarterly": _("Quarterly"),
        "six_monthly": _("Every six months"),
        "annually": _("Annually"),
    }


def severity_labels() -> dict[str, str]:
    return {
        "blocker": _("Blocker"),
        "requirement": _("Requirement"),
        "warning": _("Warning"),
        "advice": _("Advice"),
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
        return _("Not checked")
    return _("Compliant") if compliant else _("Not compliant")


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
