"""Copying between the `Tender` dataclasses and the table rows, checking what the columns cannot hold.

A value the database would silently round or refuse (a fraction of a penny, a NUL character, a reference
longer than the column) is refused here with a sentence naming the field, before anything is written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import overload

from sv_desktop.model.supplier_text import SupplierText
from sv_desktop.model.tender import (
    Kpi,
    LotsDecision,
    ModernSlaveryAssessment,
    Question,
    StepRecord,
    Tender,
    TenderSummary,
    ThemeChoice,
)

from ..i18n import _
from .errors import StoreError
from .lifecycle_mapping import (
    fill_award,
    lifecycle_children,
    lifecycle_from_row,
    lifecycle_problem,
    lifecycle_texts,
)
from .models import KpiRow, LeadRow, QuestionRow, TenderRow, ThemeRow

MAX_REFERENCE = 100
MAX_MONEY = Decimal("1e16")
MAX_PERCENT = Decimal(1000)


def _money(value: Decimal, label: str, reference: str) -> Decimal:
    value = Decimal(value)
    if not value.is_finite() or abs(value) >= MAX_MONEY:
        raise StoreError(_("{reference}: the {label} ({value}) is too large to store.").format(
                           reference=reference, label=label, value=value))
    if value != value.quantize(Decimal("0.01")):
        raise StoreError(_("{reference}: the {label} ({value}) has fractions of a penny; enter it to "
                           "the nearest penny.").format(reference=reference, label=label, value=value))
    return value


@overload
def _percent(value: Decimal, label: str, reference: str) -> Decimal: ...
@overload
def _percent(value: Decimal | None, label: str, reference: str) -> Decimal | None: ...
def _percent(value: Decimal | None, label: str, reference: str) -> Decimal | None:
    if value is None:
        return None
    value = Decimal(value)
    if not value.is_finite() or abs(value) >= MAX_PERCENT:
        raise StoreError(_("{reference}: the {label} ({value}%) is not a percentage that can be stored.").format(
                           reference=reference, label=label, value=value))
    if value != value.quantize(Decimal("0.0001")):
        raise StoreError(_("{reference}: the {label} ({value}%) has more than four decimal places.").format(
                           reference=reference, label=label, value=value))
    return value


def _check_text(tender: Tender) -> None:
    """NUL cannot be stored by PostgreSQL; refuse it on SQLite too so both behave the same."""
    texts: list[str] = [tender.reference, tender.title, tender.description, tender.kpi_exemption_reason,
                        tender.lots.reasons, tender.think_local.notes, tender.spec_refresh.notes,
                        tender.modern_slavery_risk_assessment.notes, *tender.leads.values(),
                        *tender.think_local.prompts_done, *tender.spec_refresh.prompts_done,
                        tender.supplier_text.spec, tender.supplier_text.local, tender.supplier_text.engagement]
    for theme in tender.themes:
        texts += [*theme.actions, *theme.own_actions]
    for kpi in tender.kpis:
        texts += [kpi.name, kpi.unit, kpi.baseline, kpi.target, kpi.evidence, kpi.toms_reference, kpi.source_id]
    for question in tender.questions:
        texts += [question.title, question.text, question.evaluation_guidance, question.source_id, *question.must_describe,
                  *question.sub_criteria]
    texts += lifecycle_texts(tender)
    if any("\x00" in text for text in texts):
        raise StoreError(_("{reference}: some text contains a NUL character, which cannot be stored.").format(
                           reference=tender.reference))


def check_reference(reference: str) -> str:
    if not reference or not reference.strip():
        raise StoreError(_("A tender needs a reference before it can be saved."))
    if len(reference) > MAX_REFERENCE:
        raise StoreError(_("The reference {reference}... is too long ({count} characters; at most "
                           "{max_reference}).").format(
                           reference=reference[:40], count=len(reference), max_reference=MAX_REFERENCE))
    return reference


def search_text(tender: Tender) -> str:
    parts = [tender.reference, tender.title, tender.description, *tender.leads.values(),
             tender.award.supplier.name]
    return "\n".join(part.casefold() for part in parts if part)


def fill_row(row: TenderRow, tender: Tender) -> None:
    """Copy every scalar field of `tender` onto `row` (children are handled by `child_rows`)."""
    ref = check_reference(tender.reference)
    _check_text(tender)
    problem = lifecycle_problem(tender)
    if problem:
        raise StoreError(f"{ref}: {problem}")
    row.reference = ref
    row.title = tender.title
    row.category = tender.category
    row.description = tender.description
    row.value_excl_vat_gbp = _money(tender.value_excl_vat_gbp, "value excluding VAT", ref)
    row.vat_rate_pct = _percent(tender.vat_rate_pct, "VAT rate", ref)
    row.vat_treatment = tender.vat_treatment
    row.duration_months = int(tender.duration_months)
    row.route = tender.route
    row.tender_notice_date = tender.tender_notice_date
    row.contract_start_date = tender.contract_start_date
    row.clarification_deadline = tender.clarification_deadline
    row.kpi_targets_are_minimums = tender.kpi_targets_are_minimums
    row.cpv_code = tender.cpv_code
    row.estimated_award_date = tender.estimated_award_date
    row.social_value_weighting_pct = _percent(tender.social_value_weighting_pct, "social value weighting", ref)
    row.lots_divided = tender.lots.divided
    row.lots_count = tender.lots.lot_count
    row.lots_reasons = tender.lots.reasons
    row.lots_head_contract_local_pct = _percent(tender.lots.head_contract_local_pct,
                                                "head contract local share", ref)
    row.think_local_considered = tender.think_local.considered
    row.think_local_notes = tender.think_local.notes
    row.think_local_prompts_done = list(tender.think_local.prompts_done)
    row.spec_refresh_considered = tender.spec_refresh.considered
    row.spec_refresh_notes = tender.spec_refresh.notes
    row.spec_refresh_prompts_done = list(tender.spec_refresh.prompts_done)
    msra = tender.modern_slavery_risk_assessment
    row.msra_completed_on = msra.completed_on
    row.msra_risk = msra.risk
    row.msra_notes = msra.notes
    row.supplier_text_spec = tender.supplier_text.spec
    row.supplier_text_local = tender.supplier_text.local
    row.supplier_text_engagement = tender.supplier_text.engagement
    row.confidentiality_reviewed = tender.confidentiality_reviewed
    row.kpi_exemption_reason = tender.kpi_exemption_reason
    row.is_framework = tender.is_framework
    fill_award(row, tender.award, lambda value, label: _money(value, label, ref))
    row.stage = tender.stage
    row.current_step = tender.current_step
    row.search_text = search_text(tender)


def child_rows(tender: Tender) -> dict[str, list]:
    """Rows for every child relationship of TenderRow, keyed by the relationship's name."""
    ref = tender.reference
    themes = [
        ThemeRow(position=i, theme=t.theme,
                 weighting_pct=_percent(t.weighting_pct, f"weighting of theme {t.theme}", ref),
                 actions=list(t.actions), own_actions=list(t.own_actions))
        for i, t in enumerate(tender.themes)
    ]
    kpis = [
        KpiRow(position=i, name=k.name, unit=k.unit, baseline=k.baseline, target=k.target,
               frequency=k.frequency, theme=k.theme, publish=k.publish, evidence=k.evidence,
               toms_reference=k.toms_reference, source_id=k.source_id)
        for i, k in enumerate(tender.kpis)
    ]
    questions = [
        QuestionRow(position=i, theme=q.theme, title=q.title, text=q.text, must_describe=list(q.must_describe),
                    sub_criteria=list(q.sub_criteria), word_limit=int(q.word_limit),
                    scoring_scale=q.scoring_scale, evaluation_guidance=q.evaluation_guidance,
                    weighting_pct=_percent(q.weighting_pct, f"weighting of question {i + 1}", ref),
                    source_id=q.source_id,
                    min_score=_percent(q.min_score, f"minimum score of question {i + 1}", ref),
                    min_score_disqualifies=bool(q.min_score_disqualifies))
        for i, q in enumerate(tender.questions)
    ]
    leads = [LeadRow(position=i, role=role, name=name) for i, (role, name) in enumerate(tender.leads.items())]
    return {"themes": themes, "kpis": kpis, "questions": questions, "leads": leads, **lifecycle_children(tender)}


@overload
def _pct(value: Decimal) -> Decimal: ...
@overload
def _pct(value: Decimal | None) -> Decimal | None: ...
def _pct(value: Decimal | None) -> Decimal | None:
    """Percentages come back without the column's padding zeros: 15.0100 reads as 15.01, 10.0000 as 10."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def tender_from_row(row: TenderRow) -> Tender:
    return Tender(
        reference=row.reference,
        title=row.title,
        category=row.category,
        value_excl_vat_gbp=row.value_excl_vat_gbp,
        duration_months=row.duration_months,
        social_value_weighting_pct=_pct(row.social_value_weighting_pct),
        themes=[ThemeChoice(theme=t.theme, weighting_pct=_pct(t.weighting_pct), actions=list(t.actions or []),
                            own_actions=list(t.own_actions or [])) for t in row.themes],
        vat_rate_pct=_pct(row.vat_rate_pct),
        vat_treatment=row.vat_treatment or "standard",
        route=row.route,
        tender_notice_date=row.tender_notice_date,
        contract_start_date=row.contract_start_date,
        clarification_deadline=row.clarification_deadline,
        kpi_targets_are_minimums=row.kpi_targets_are_minimums,
        kpis=[Kpi(name=k.name, unit=k.unit, baseline=k.baseline, target=k.target, frequency=k.frequency,
                  theme=k.theme, publish=k.publish, evidence=k.evidence, toms_reference=k.toms_reference,
                  source_id=k.source_id) for k in row.kpis],
        questions=[Question(theme=q.theme, title=q.title, text=q.text, must_describe=list(q.must_describe or []),
                            sub_criteria=list(q.sub_criteria or []), word_limit=q.word_limit,
                            scoring_scale=q.scoring_scale, evaluation_guidance=q.evaluation_guidance,
                            weighting_pct=_pct(q.weighting_pct), source_id=q.source_id,
                            min_score=_pct(q.min_score),
                            min_score_disqualifies=bool(q.min_score_disqualifies)) for q in row.questions],
        lots=LotsDecision(divided=row.lots_divided, lot_count=row.lots_count, reasons=row.lots_reasons,
                          head_contract_local_pct=_pct(row.lots_head_contract_local_pct)),
        think_local=StepRecord(considered=row.think_local_considered, notes=row.think_local_notes,
                               prompts_done=list(row.think_local_prompts_done or [])),
        spec_refresh=StepRecord(considered=row.spec_refresh_considered, notes=row.spec_refresh_notes,
                                prompts_done=list(row.spec_refresh_prompts_done or [])),
        modern_slavery_risk_assessment=ModernSlaveryAssessment(
            completed_on=row.msra_completed_on, risk=row.msra_risk, notes=row.msra_notes),
        confidentiality_reviewed=row.confidentiality_reviewed,
        kpi_exemption_reason=row.kpi_exemption_reason,
        is_framework=row.is_framework,
        leads={lead.role: lead.name for lead in row.leads},
        description=row.description,
        supplier_text=SupplierText(spec=row.supplier_text_spec or "", local=row.supplier_text_local or "",
                                   engagement=row.supplier_text_engagement or ""),
        cpv_code=row.cpv_code or "",
        estimated_award_date=row.estimated_award_date,
        stage=row.stage,
        current_step=row.current_step,
        version=row.version_id,
        updated_at=row.updated_at,
        **lifecycle_from_row(row),
    )


def summary_from_values(reference: str, title: str, category: str, value: Decimal, stage: str,
                        compliant: bool | None, notice, updated_at, lead: str | None, start=None,
                        duration: int | None = None, weighting: Decimal | None = None, route: str = "",
                        awarded_on=None, supplier: str = "", award_notice=None) -> TenderSummary:
    """One list row from the columns `tender_store.SUMMARY_COLUMNS` selects, in that order."""
    # Positional, in TenderSummary's field order: this runs once per row of a ten-thousand-row list.
    return TenderSummary(reference, title, category, value, stage, compliant, notice, updated_at, lead or "",
                         start, duration, _pct(weighting), route or "", awarded_on, supplier or "", award_notice)
