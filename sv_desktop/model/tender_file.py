"""The `.svtender.json` file (format 1): read with a clear message per bad key, write losslessly.

A file with only the required keys is accepted and the rest filled with defaults. Anything else that
is wrong is refused with a `TenderFileError` that names the key and the problem; nothing is half-read.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..i18n import _
from . import json_fields
from .evaluation_file import read_evaluation, write_evaluation
from .file_read import FileReadError, read_limited
from .json_fields import TenderFileError
from .lifecycle_file import read_lifecycle, write_lifecycle
from .limits import MAX_FILE_BYTES, LimitError, ObjectCounter, check_tender_data
from .supplier_text import SupplierText
from .tender import (
    CATEGORIES,
    CPV_PATTERN,
    KPI_FREQUENCIES,
    RISK_LEVELS,
    ROLES,
    ROUTES,
    SCORING_SCALES,
    STAGES,
    STEPS,
    THEMES,
    VAT_TREATMENTS,
    Kpi,
    LotsDecision,
    ModernSlaveryAssessment,
    Question,
    StepRecord,
    Tender,
    ThemeChoice,
)

FORMAT_NAME = "sv-desktop.tender"
FORMAT_VERSION = 1
FILE_SUFFIX = ".svtender.json"
REQUIRED_KEYS = (
    "format",
    "format_version",
    "reference",
    "title",
    "category",
    "value_excl_vat_gbp",
    "duration_months",
    "social_value_weighting_pct",
    "themes",
)


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


def _cpv(data: dict) -> str:
    code = _text(data, "cpv_code", "")
    if code and not CPV_PATTERN.match(code):
        raise TenderFileError(_("must be a CPV code written as 8 digits, a hyphen and a check digit "
                                "(for example 60130000-8)"), "cpv_code")
    return code


# ---------------------------------------------------------------- reading


def tender_from_dict(data: Any) -> Tender:
    """Build a Tender from parsed JSON, or raise TenderFileError naming the first bad key."""

    if not isinstance(data, dict):
        raise TenderFileError(_("the file must hold one JSON object, not {kind}").format(kind=_kind(data)))
    if data.get("format") != FORMAT_NAME:
        if "format" not in data:
            raise TenderFileError(_("is required (this does not look like an sv-desktop tender file)"), "format")
        raise TenderFileError(_("must be {format_name!r}, not {get!r}").format(
                                format_name=FORMAT_NAME, get=data.get('format')), "format")
    version = data.get("format_version")
    if "format_version" not in data:
        raise TenderFileError(_("is required"), "format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise TenderFileError(_("must be the number {format_version}, not {version!r}").format(
                                format_version=FORMAT_VERSION, version=version), "format_version")
    if version != FORMAT_VERSION:
        newer = " (written by a newer version of sv-desktop)" if version > FORMAT_VERSION else ""
        raise TenderFileError(_("{version} is not supported{newer}; this version reads {format_version}").format(
                                version=version, newer=newer, format_version=FORMAT_VERSION),
                              "format_version")

    reference = _text(data, "reference", "", required=True, max_len=100).strip()
    if not reference:
        raise TenderFileError(_("must not be empty"), "reference")
    if any(ord(c) < 32 for c in reference):
        raise TenderFileError(_("must not contain control characters"), "reference")
    title = _text(data, "title", "", required=True, max_len=1000)
    category = _choice(data, "category", "", CATEGORIES, required=True)

    themes: list[ThemeChoice] = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(data, "themes", "", required=True)):
        path = f"themes[{i}]."
        if not isinstance(raw, dict):
            raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(raw)), f"themes[{i}]")
        theme = _choice(raw, "theme", path, THEMES, required=True)
        if theme in seen:
            raise TenderFileError(_("{theme!r} is listed twice").format(theme=theme), f"themes[{i}].theme")
        seen.add(theme)
        themes.append(ThemeChoice(
            theme=theme,
            weighting_pct=_number(raw, "weighting_pct", path, low=Decimal(0), high=Decimal(100),
                                  default=Decimal(0)),
            actions=_text_list(raw, "actions", path),
            own_actions=_text_list(raw, "own_actions", path),
        ))

    kpis = []
    for i, raw in enumerate(_list(data, "kpis", "")):
        path = f"kpis[{i}]."
        if not isinstance(raw, dict):
            raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(raw)), f"kpis[{i}]")
        # An empty name is kept as typed (the wizard saves work in progress); the key itself is required.
        name = _text(raw, "name", path, required=True)
        kpis.append(Kpi(
            name=name,
            unit=_text(raw, "unit", path, max_len=200),
            baseline=_scalar_text(raw, "baseline", path),
            target=_scalar_text(raw, "target", path),
            frequency=_choice(raw, "frequency", path, KPI_FREQUENCIES, default="quarterly"),
            theme=_choice(raw, "theme", path, THEMES, default="fighting_climate_change"),
            publish=_bool(raw, "publish", path, True),
            evidence=_text(raw, "evidence", path),
            toms_reference=_text(raw, "toms_reference", path, max_len=200),
            source_id=_text(raw, "source_id", path, max_len=200),
        ))

    questions = []
    for i, raw in enumerate(_list(data, "questions", "")):
        path = f"questions[{i}]."
        if not isinstance(raw, dict):
            raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(raw)), f"questions[{i}]")
        text = _text(raw, "text", path, required=True)
        questions.append(Question(
            theme=_choice(raw, "theme", path, THEMES, required=True),
            text=text,
            must_describe=_text_list(raw, "must_describe", path),
            sub_criteria=_text_list(raw, "sub_criteria", path),
            word_limit=int(_number(raw, "word_limit", path, low=Decimal(50), high=Decimal(10000),
                                   default=Decimal(750), integer=True)),
            scoring_scale=_choice(raw, "scoring_scale", path, SCORING_SCALES, default="0-5"),
            evaluation_guidance=_text(raw, "evaluation_guidance", path),
            weighting_pct=_optional_decimal(raw, "weighting_pct", path, Decimal(0), Decimal(100)),
            source_id=_text(raw, "source_id", path, max_len=200),
            title=_text(raw, "title", path, max_len=500),
            min_score=_optional_decimal(raw, "min_score", path, Decimal(0), Decimal(100)),
            min_score_disqualifies=_bool(raw, "min_score_disqualifies", path, False),
        ))

    lots_raw = _obj(data, "lots", "")
    divided = lots_raw.get("divided")
    if divided is not None and not isinstance(divided, bool):
        raise TenderFileError(_("must be true, false or null, not {kind}").format(kind=_kind(divided)), "lots.divided")
    lot_count = None
    if lots_raw.get("lot_count") is not None:
        lot_count = int(_number(lots_raw, "lot_count", "lots.", low=Decimal(1), high=Decimal(1000),
                                integer=True))
    lots = LotsDecision(
        divided=divided,
        lot_count=lot_count,
        reasons=_text(lots_raw, "reasons", "lots."),
        head_contract_local_pct=_optional_decimal(lots_raw, "head_contract_local_pct", "lots.",
                                                  Decimal(0), Decimal(100)),
    )

    msra_raw = _obj(data, "modern_slavery_risk_assessment", "")
    msra = ModernSlaveryAssessment(
        completed_on=_date(msra_raw, "completed_on", "modern_slavery_risk_assessment."),
        risk=_choice(msra_raw, "risk", "modern_slavery_risk_assessment.", RISK_LEVELS),
        notes=_text(msra_raw, "notes", "modern_slavery_risk_assessment."),
    )

    leads_raw = _obj(data, "leads", "")
    leads: dict[str, str] = {}
    for role in leads_raw:
        if role not in ROLES:
            raise TenderFileError(_("is not a role; roles are {roles}").format(roles=', '.join(ROLES)), f"leads.{role}")
        leads[role] = _text(leads_raw, role, "leads.")

    tender = Tender(
        reference=reference,
        title=title,
        category=category,
        value_excl_vat_gbp=_number(data, "value_excl_vat_gbp", "", low=Decimal(0),
                                   high=Decimal("1e12"), required=True),
        vat_rate_pct=_number(data, "vat_rate_pct", "", low=Decimal(0), high=Decimal(100), default=Decimal(20)),
        vat_treatment=_choice(data, "vat_treatment", "", VAT_TREATMENTS, default="standard"),
        duration_months=int(_number(data, "duration_months", "", low=Decimal(1), high=Decimal(1200),
                                    required=True, integer=True)),
        route=_choice(data, "route", "", ROUTES, default="open"),
        tender_notice_date=_date(data, "tender_notice_date", ""),
        contract_start_date=_date(data, "contract_start_date", ""),
        clarification_deadline=_date(data, "clarification_deadline", ""),
        social_value_weighting_pct=_number(data, "social_value_weighting_pct", "", low=Decimal(0),
                                           high=Decimal(100), required=True),
        themes=themes,
        kpis=kpis,
        questions=questions,
        lots=lots,
        think_local=_step_record(data, "think_local"),
        spec_refresh=_step_record(data, "spec_refresh"),
        modern_slavery_risk_assessment=msra,
        confidentiality_reviewed=_bool(data, "confidentiality_reviewed", "", False),
        kpi_exemption_reason=_text(data, "kpi_exemption_reason", ""),
        kpi_targets_are_minimums=_bool(data, "kpi_targets_are_minimums", "", True),
        is_framework=_bool(data, "is_framework", "", data.get("route") == "framework_agreement"),
        leads=leads,
        description=_text(data, "description", ""),
        supplier_text=_supplier_text(data),
        cpv_code=_cpv(data),
        estimated_award_date=_date(data, "estimated_award_date", ""),
        stage=_choice(data, "stage", "", STAGES, default="pipeline"),
        current_step=_choice(data, "current_step", "", STEPS, default="details"),
        **read_lifecycle(data),
        evaluation=read_evaluation(data),
    )
    # The version the tender had in the database it was exported from: an import over a tender changed
    # since then asks first (optional; 0 when the file does not say).
    tender.version = int(_number(data, "version", "", low=Decimal(0), high=Decimal(2**31 - 1),
                                 default=Decimal(0), integer=True))
    return tender


def _scalar_text(obj: dict, key: str, path: str) -> str:
    """Baseline and target may be written as numbers or text; both are kept as text."""
    value = obj.get(key)
    if isinstance(value, bool):
        raise TenderFileError(_("must be text or a number, not true/false"), f"{path}{key}")
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            raise TenderFileError(_("must be a finite number"), f"{path}{key}")
        return str(value)
    return _text(obj, key, path, )


def _step_record(data: dict, key: str) -> StepRecord:
    raw = _obj(data, key, "")
    return StepRecord(
        considered=_bool(raw, "considered", f"{key}.", False),
        notes=_text(raw, "notes", f"{key}."),
        prompts_done=_text_list(raw, "prompts_done", f"{key}."),
    )


def _supplier_text(data: dict) -> SupplierText:
    """Optional: files written before the key existed read as no supplier-facing text."""
    raw = _obj(data, "supplier_text", "")
    return SupplierText(**{key: _text(raw, key, "supplier_text.") for key in ("spec", "local", "engagement")})


def parse_tender_json(text: str | bytes) -> Tender:
    """Parse the text of a .svtender.json file."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise TenderFileError(_("the file is too large ({count:,} bytes) to be a tender").format(
                                    count=len(text)))
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TenderFileError(_("the file is not UTF-8 text (byte {start})").format(start=exc.start)) from None
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant,
                          object_pairs_hook=ObjectCounter())
    except LimitError as exc:
        raise TenderFileError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise TenderFileError(_("the file is not valid JSON: {msg} at line {lineno}, column {colno}").format(
                                msg=exc.msg, lineno=exc.lineno, colno=exc.colno)) from None
    except ValueError as exc:
        raise TenderFileError(_("the file is not valid JSON: {exc}").format(exc=exc)) from None
    except RecursionError:
        raise TenderFileError(_("the file is nested too deeply to be a tender")) from None
    try:
        check_tender_data(data)
    except LimitError as exc:
        raise TenderFileError(str(exc).removeprefix(f"{exc.key}: "), exc.key) from None
    except RecursionError:
        raise TenderFileError(_("the file is nested too deeply to be a tender")) from None
    return tender_from_dict(data)


def _reject_constant(name: str) -> None:
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


def read_tender_file(path: str | Path) -> Tender:
    """Read a file from disk; every failure becomes a TenderFileError with a plain message. Only a regular
    file of at most MAX_FILE_BYTES is read (see `file_read`)."""
    try:
        raw = read_limited(path, MAX_FILE_BYTES, what="tender file")
    except FileReadError as exc:
        raise TenderFileError(str(exc)) from None
    return parse_tender_json(raw)


# ---------------------------------------------------------------- writing


def tender_to_dict(tender: Tender) -> dict[str, Any]:
    """The file form of a tender: format 1 keys first, then sv-desktop's own additions."""

    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "reference": tender.reference,
        "title": tender.title,
        "category": tender.category,
        "value_excl_vat_gbp": _num(tender.value_excl_vat_gbp),
        "vat_rate_pct": _num(tender.vat_rate_pct),
        "vat_treatment": tender.vat_treatment,
        "duration_months": tender.duration_months,
        "route": tender.route,
        "tender_notice_date": tender.tender_notice_date.isoformat() if tender.tender_notice_date else None,
        "contract_start_date": tender.contract_start_date.isoformat() if tender.contract_start_date else None,
        "clarification_deadline": (tender.clarification_deadline.isoformat() if tender.clarification_deadline
                                   else None),
        "social_value_weighting_pct": _num(tender.social_value_weighting_pct),
        "themes": [
            {"theme": t.theme, "weighting_pct": _num(t.weighting_pct), "actions": list(t.actions),
             "own_actions": list(t.own_actions)}
            for t in tender.themes
        ],
        "kpis": [
            {"name": k.name, "unit": k.unit, "baseline": k.baseline, "target": k.target,
             "frequency": k.frequency, "theme": k.theme, "publish": k.publish, "evidence": k.evidence,
             "toms_reference": k.toms_reference, "source_id": k.source_id}
            for k in tender.kpis
        ],
        "lots": {
            "divided": tender.lots.divided,
            "lot_count": tender.lots.lot_count,
            "reasons": tender.lots.reasons,
            "head_contract_local_pct": (None if tender.lots.head_contract_local_pct is None
                                        else _num(tender.lots.head_contract_local_pct)),
        },
        "think_local": _step_dict(tender.think_local),
        "spec_refresh": _step_dict(tender.spec_refresh),
        "modern_slavery_risk_assessment": {
            "completed_on": (tender.modern_slavery_risk_assessment.completed_on.isoformat()
                             if tender.modern_slavery_risk_assessment.completed_on else None),
            "risk": tender.modern_slavery_risk_assessment.risk,
            "notes": tender.modern_slavery_risk_assessment.notes,
        },
        "confidentiality_reviewed": tender.confidentiality_reviewed,
        "kpi_exemption_reason": tender.kpi_exemption_reason,
        "kpi_targets_are_minimums": tender.kpi_targets_are_minimums,
        "is_framework": tender.is_framework,
        "questions": [
            {"theme": q.theme, "title": q.title, "text": q.text, "must_describe": list(q.must_describe),
             "sub_criteria": list(q.sub_criteria), "word_limit": q.word_limit,
             "scoring_scale": q.scoring_scale, "evaluation_guidance": q.evaluation_guidance,
             "weighting_pct": None if q.weighting_pct is None else _num(q.weighting_pct),
             "source_id": q.source_id,
             "min_score": None if q.min_score is None else _num(q.min_score),
             "min_score_disqualifies": q.min_score_disqualifies}
            for q in tender.questions
        ],
        "leads": dict(tender.leads),
        "description": tender.description,
        "supplier_text": {"spec": tender.supplier_text.spec, "local": tender.supplier_text.local,
                          "engagement": tender.supplier_text.engagement},
        "cpv_code": tender.cpv_code,
        "estimated_award_date": tender.estimated_award_date.isoformat() if tender.estimated_award_date else None,
        "stage": tender.stage,
        "current_step": tender.current_step,
        **write_lifecycle(tender),
        **write_evaluation(tender.evaluation),
    }


def _step_dict(record: StepRecord) -> dict[str, Any]:
    return {"considered": record.considered, "notes": record.notes, "prompts_done": list(record.prompts_done)}


def tender_to_json(tender: Tender, *, stamped: bool = False) -> str:
    """The file's text; `stamped` adds the version and last-change time the tender had in the database, so
    importing the file over a tender changed since can be noticed."""
    data = tender_to_dict(tender)
    if stamped:
        data["version"] = tender.version
        data["updated_at"] = tender.updated_at.isoformat() if tender.updated_at else None
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
