"""Copying the lifecycle parts of a tender (award, engagement log, KPI results, case studies, ticked role
responsibilities) between the dataclasses and their rows; `mapping` calls these for every save and read."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from sv_desktop.model.lifecycle import ActualSpend, Award, CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.model.tender import Tender

from .models import (
    CaseStudyRow,
    EngagementRow,
    EngagementSupplierRow,
    KpiResultRow,
    RoleCheckRow,
    TenderRow,
)

MAX_POSTCODE = 20
MAX_RATING = 100


def lifecycle_texts(tender: Tender) -> list[str]:
    """Every piece of lifecycle text, for the NUL check that runs before anything is written."""
    award = tender.award
    texts = [award.supplier.name, award.supplier.postcode, award.renewal_requirements]
    for event in tender.engagement:
        texts += [event.title, event.notes]
        for supplier in event.suppliers:
            texts += [supplier.name, supplier.postcode]
    for result in tender.kpi_results:
        texts += [result.kpi, result.rating, result.result, result.notes]
    for study in tender.case_studies:
        texts += [study.title, study.text]
    for items in tender.role_checklists.values():
        texts += items
    return texts


def lifecycle_problem(tender: Tender) -> str | None:
    """A sentence for a value the columns cannot hold, or None."""
    postcodes = [tender.award.supplier.postcode] + [s.postcode for e in tender.engagement for s in e.suppliers]
    long_postcode = next((p for p in postcodes if len(p) > MAX_POSTCODE), None)
    if long_postcode is not None:
        return f"the postcode {long_postcode[:24]!r} is too long (at most {MAX_POSTCODE} characters)."
    long_rating = next((r.rating for r in tender.kpi_results if len(r.rating) > MAX_RATING), None)
    if long_rating is not None:
        return f"the rating {long_rating[:24]!r}... is too long (at most {MAX_RATING} characters)."
    return None


def fill_award(row: TenderRow, award: Award, money: Callable[[Decimal, str], Decimal]) -> None:
    supplier = award.supplier
    row.award_supplier_name = supplier.name
    row.award_supplier_postcode = supplier.postcode
    row.award_supplier_sme = supplier.sme
    row.award_supplier_vcse = supplier.vcse
    row.awarded_on = award.awarded_on
    row.awarded_value_gbp = (None if award.awarded_value_gbp is None
                             else money(award.awarded_value_gbp, "awarded value"))
    row.renewal_requirements = award.renewal_requirements
    row.actual_spend = [{"financial_year": s.financial_year, "amount_gbp": f"{money(s.amount_gbp, 'actual spend'):f}"}
                        for s in award.actual_spend]


def lifecycle_children(tender: Tender) -> dict[str, list]:
    """Rows for each lifecycle relationship of TenderRow, keyed by the relationship's name."""
    engagement = [
        EngagementRow(position=i, title=event.title, held_on=event.held_on, notes=event.notes,
                      suppliers=[EngagementSupplierRow(position=j, name=s.name, postcode=s.postcode, sme=s.sme,
                                                       vcse=s.vcse) for j, s in enumerate(event.suppliers)])
        for i, event in enumerate(tender.engagement)
    ]
    results = [
        KpiResultRow(position=i, kpi=r.kpi, period_start=r.period_start, period_end=r.period_end,
                     rating=r.rating, result=r.result, notes=r.notes, reported_on=r.reported_on)
        for i, r in enumerate(tender.kpi_results)
    ]
    studies = [CaseStudyRow(position=i, title=c.title, theme=c.theme, written_on=c.written_on, text=c.text)
               for i, c in enumerate(tender.case_studies)]
    ticked = [(role, item) for role, items in tender.role_checklists.items() for item in dict.fromkeys(items)]
    checks = [RoleCheckRow(position=i, role=role, item=item) for i, (role, item) in enumerate(ticked)]
    return {"engagement": engagement, "kpi_results": results, "case_studies": studies, "role_checks": checks}


def lifecycle_from_row(row: TenderRow) -> dict:
    """The lifecycle keyword arguments of `Tender` from a row with its children loaded."""
    checklists: dict[str, list[str]] = {}
    for check in row.role_checks:
        checklists.setdefault(check.role, []).append(check.item)
    return {
        "award": Award(
            supplier=Supplier(name=row.award_supplier_name, postcode=row.award_supplier_postcode,
                              sme=row.award_supplier_sme, vcse=row.award_supplier_vcse),
            awarded_on=row.awarded_on,
            awarded_value_gbp=row.awarded_value_gbp,
            renewal_requirements=row.renewal_requirements,
            actual_spend=[ActualSpend(int(item["financial_year"]), Decimal(str(item["amount_gbp"])))
                          for item in row.actual_spend or []],
        ),
        "engagement": [
            EngagementEvent(title=e.title, held_on=e.held_on, notes=e.notes,
                            suppliers=[Supplier(name=s.name, postcode=s.postcode, sme=s.sme, vcse=s.vcse)
                                       for s in e.suppliers])
            for e in row.engagement
        ],
        "kpi_results": [
            KpiResult(kpi=r.kpi, period_start=r.period_start, period_end=r.period_end, rating=r.rating,
                      result=r.result, notes=r.notes, reported_on=r.reported_on)
            for r in row.kpi_results
        ],
        "case_studies": [CaseStudy(title=c.title, text=c.text, theme=c.theme, written_on=c.written_on)
                         for c in row.case_studies],
        "role_checklists": checklists,
    }
