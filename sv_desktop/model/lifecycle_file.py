"""The lifecycle keys of the `.svtender.json` file: `engagement`, `award`, `kpi_results`, `case_studies`
and `role_checklists`.

They are optional keys added to format 1 (the format allows sv-desktop to add keys), so every format 1
file written before them still reads, and gets empty lifecycle data. Each bad value is refused with a
`TenderFileError` naming its key, like the rest of the file.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..i18n import _
from . import json_fields
from .json_fields import TenderFileError
from .lifecycle import ActualSpend, Award, CaseStudy, EngagementEvent, KpiResult, Supplier
from .tender import ROLES, THEMES, Tender

# The short names the readers below use.
_bool = json_fields.bool_field
_choice = json_fields.choice_field
_date = json_fields.date_field
_num = json_fields.json_number
_kind = json_fields.kind_of
_list = json_fields.list_field
_number = json_fields.number_field
_obj = json_fields.object_field
_optional_decimal = json_fields.optional_decimal_field
_text = json_fields.text_field
_text_list = json_fields.text_list_field

MAX_NAME = 500
MAX_POSTCODE = 20
MAX_RATING = 100


def _required_text(obj: dict, key: str, path: str, max_len: int) -> str:
    value = _text(obj, key, path, required=True, max_len=max_len)
    if not value.strip():
        raise TenderFileError(_("must not be empty"), f"{path}{key}")
    return value


def _records(data: dict, key: str) -> list[tuple[str, dict]]:
    """(path prefix, object) for each item of the list `key`; anything but an object is refused."""
    out = []
    for i, raw in enumerate(_list(data, key, "")):
        if not isinstance(raw, dict):
            raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(raw)), f"{key}[{i}]")
        out.append((f"{key}[{i}].", raw))
    return out


def _supplier(obj: dict, path: str) -> Supplier:
    return Supplier(
        name=_text(obj, "name", path, max_len=MAX_NAME),
        postcode=_text(obj, "postcode", path, max_len=MAX_POSTCODE).strip().upper(),
        sme=_bool(obj, "sme", path, False),
        vcse=_bool(obj, "vcse", path, False),
    )


def _engagement(data: dict) -> list[EngagementEvent]:
    events = []
    for path, raw in _records(data, "engagement"):
        suppliers = []
        for j, item in enumerate(_list(raw, "suppliers", path)):
            where = f"{path}suppliers[{j}]"
            if not isinstance(item, dict):
                raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(item)), where)
            supplier = _supplier(item, f"{where}.")
            if not supplier.name.strip():
                raise TenderFileError(_("must not be empty"), f"{where}.name")
            suppliers.append(supplier)
        events.append(EngagementEvent(title=_required_text(raw, "title", path, 1000),
                                      held_on=_date(raw, "held_on", path), suppliers=suppliers,
                                      notes=_text(raw, "notes", path)))
    return events


def _award(data: dict) -> Award:
    raw = _obj(data, "award", "")
    return Award(
        supplier=_supplier(_obj(raw, "supplier", "award."), "award.supplier."),
        awarded_on=_date(raw, "awarded_on", "award."),
        awarded_value_gbp=_optional_decimal(raw, "awarded_value_gbp", "award.", Decimal(0), Decimal("1e12")),
        renewal_requirements=_text(raw, "renewal_requirements", "award."),
        actual_spend=_actual_spend(raw),
    )


def _actual_spend(award: dict) -> list[ActualSpend]:
    entries: list[ActualSpend] = []
    for index, raw in enumerate(_list(award, "actual_spend", "award.")):
        path = f"award.actual_spend[{index}]."
        if not isinstance(raw, dict):
            raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(raw)), path.rstrip("."))
        year = int(_number(raw, "financial_year", path, low=Decimal(1990), high=Decimal(2200), required=True,
                           integer=True))
        if any(entry.financial_year == year for entry in entries):
            raise TenderFileError(_("repeats the financial year {year}; give each year once").format(
                                    year=year), f"{path}financial_year")
        amount = _number(raw, "amount_gbp", path, low=Decimal(0), high=Decimal("1e12"), required=True)
        entries.append(ActualSpend(year, amount))
    return entries


def _kpi_results(data: dict) -> list[KpiResult]:
    results = []
    for path, raw in _records(data, "kpi_results"):
        start, end = _date(raw, "period_start", path), _date(raw, "period_end", path)
        if end is None:
            raise TenderFileError(_("is required (the last day of the reporting period)"), f"{path}period_end")
        if start is not None and start > end:
            raise TenderFileError(_("must not be after period_end ({end})").format(end=end.isoformat()), f"{path}period_start")
        rating = _text(raw, "rating", path, max_len=MAX_RATING).strip()  # empty: not rated yet
        results.append(KpiResult(kpi=_required_text(raw, "kpi", path, 2000), period_start=start, period_end=end,
                                 rating=rating, result=_text(raw, "result", path, max_len=2000),
                                 notes=_text(raw, "notes", path), reported_on=_date(raw, "reported_on", path)))
    return results


def _case_studies(data: dict) -> list[CaseStudy]:
    return [CaseStudy(title=_required_text(raw, "title", path, 1000), text=_text(raw, "text", path),
                      theme=_choice(raw, "theme", path, THEMES), written_on=_date(raw, "written_on", path))
            for path, raw in _records(data, "case_studies")]


def _role_checklists(data: dict) -> dict[str, list[str]]:
    raw = _obj(data, "role_checklists", "")
    checklists: dict[str, list[str]] = {}
    for role in raw:
        if role not in ROLES:
            raise TenderFileError(_("is not a role; roles are {roles}").format(roles=', '.join(ROLES)), f"role_checklists.{role}")
        ticked = _text_list(raw, role, "role_checklists.")
        if ticked:
            checklists[role] = list(dict.fromkeys(ticked))
    return checklists


def read_lifecycle(data: dict) -> dict[str, Any]:
    """The lifecycle fields of `Tender` from a parsed file (all empty when the keys are absent)."""
    return {
        "engagement": _engagement(data),
        "award": _award(data),
        "kpi_results": _kpi_results(data),
        "case_studies": _case_studies(data),
        "role_checklists": _role_checklists(data),
    }


def _supplier_dict(supplier: Supplier) -> dict[str, Any]:
    return {"name": supplier.name, "postcode": supplier.postcode, "sme": supplier.sme, "vcse": supplier.vcse}


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def write_lifecycle(tender: Tender) -> dict[str, Any]:
    """The lifecycle keys for the file form of `tender`."""
    award = tender.award
    return {
        "engagement": [
            {"title": e.title, "held_on": _iso(e.held_on), "notes": e.notes,
             "suppliers": [_supplier_dict(s) for s in e.suppliers]}
            for e in tender.engagement
        ],
        "award": {
            "supplier": _supplier_dict(award.supplier),
            "awarded_on": _iso(award.awarded_on),
            "awarded_value_gbp": None if award.awarded_value_gbp is None else _num(award.awarded_value_gbp),
            "renewal_requirements": award.renewal_requirements,
            "actual_spend": [{"financial_year": s.financial_year, "amount_gbp": _num(s.amount_gbp)}
                             for s in award.actual_spend],
        },
        "kpi_results": [
            {"kpi": r.kpi, "period_start": _iso(r.period_start), "period_end": _iso(r.period_end),
             "rating": r.rating, "result": r.result, "notes": r.notes, "reported_on": _iso(r.reported_on)}
            for r in tender.kpi_results
        ],
        "case_studies": [
            {"title": c.title, "theme": c.theme, "written_on": _iso(c.written_on), "text": c.text}
            for c in tender.case_studies
        ],
        "role_checklists": {role: list(items) for role, items in tender.role_checklists.items() if items},
    }

