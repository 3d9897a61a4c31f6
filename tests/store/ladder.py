"""Data for the migration ladder: for every revision, how to write a tender into a database built at
exactly that revision (plain inserts against that revision's tables), and the tender it must read back as.

When a new migration is added, add a filler for it here; test_migrations fails until there is one.
Fillers are never edited afterwards: they record what databases of that age really hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import sqlalchemy as sa
from lifecycle_data import with_lifecycle
from store_helpers import full_tender

from sv_desktop.model.tender import Tender

WRITTEN_AT = dt.datetime(2025, 1, 2, 3, 4, 5, 600000, tzinfo=dt.UTC)


def _tables(connection: sa.Connection) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(connection)
    return metadata.tables


def fill_0001(connection: sa.Connection) -> Tender:
    tender = full_tender("LADDER-0001")
    t = _tables(connection)
    lots, msra = tender.lots, tender.modern_slavery_risk_assessment
    tender_id = connection.execute(t["tender"].insert().values(
        reference=tender.reference, title=tender.title, category=tender.category,
        description=tender.description, value_excl_vat_gbp=tender.value_excl_vat_gbp,
        vat_rate_pct=tender.vat_rate_pct, duration_months=tender.duration_months, route=tender.route,
        tender_notice_date=tender.tender_notice_date, contract_start_date=tender.contract_start_date,
        social_value_weighting_pct=tender.social_value_weighting_pct, lots_divided=lots.divided,
        lots_count=lots.lot_count, lots_reasons=lots.reasons,
        lots_head_contract_local_pct=lots.head_contract_local_pct,
        think_local_considered=tender.think_local.considered, think_local_notes=tender.think_local.notes,
        think_local_prompts_done=tender.think_local.prompts_done,
        spec_refresh_considered=tender.spec_refresh.considered, spec_refresh_notes=tender.spec_refresh.notes,
        spec_refresh_prompts_done=tender.spec_refresh.prompts_done, msra_completed_on=msra.completed_on,
        msra_risk=msra.risk, msra_notes=msra.notes, confidentiality_reviewed=tender.confidentiality_reviewed,
        kpi_exemption_reason=tender.kpi_exemption_reason, is_framework=tender.is_framework,
        stage=tender.stage, current_step=tender.current_step, compliant=True,
        search_text=f"{tender.reference}\n{tender.title}".casefold(), version_id=3,
        created_at=WRITTEN_AT, updated_at=WRITTEN_AT, deleted_at=None,
    )).inserted_primary_key[0]
    for i, theme in enumerate(tender.themes):
        connection.execute(t["tender_theme"].insert().values(
            tender_id=tender_id, position=i, theme=theme.theme, weighting_pct=theme.weighting_pct,
            actions=theme.actions, own_actions=theme.own_actions))
    for i, kpi in enumerate(tender.kpis):
        connection.execute(t["kpi"].insert().values(
            tender_id=tender_id, position=i, name=kpi.name, unit=kpi.unit, baseline=kpi.baseline,
            target=kpi.target, frequency=kpi.frequency, theme=kpi.theme, publish=kpi.publish,
            evidence=kpi.evidence, toms_reference=kpi.toms_reference, source_id=kpi.source_id))
    for i, question in enumerate(tender.questions):
        connection.execute(t["question"].insert().values(
            tender_id=tender_id, position=i, theme=question.theme, title=question.title, text=question.text,
            must_describe=question.must_describe, sub_criteria=question.sub_criteria,
            word_limit=question.word_limit, scoring_scale=question.scoring_scale,
            evaluation_guidance=question.evaluation_guidance, weighting_pct=question.weighting_pct,
            source_id=question.source_id))
    for i, (role, name) in enumerate(tender.leads.items()):
        connection.execute(t["tender_lead"].insert().values(tender_id=tender_id, position=i, role=role, name=name))
    connection.execute(t["store_meta"].update().values(change_count=1))
    tender.version = 3
    tender.updated_at = WRITTEN_AT
    return tender


def fill_0002(connection: sa.Connection) -> Tender:
    """A 0001-shaped tender, then everything 0002 added: award columns and the lifecycle child tables."""
    tender = with_lifecycle(fill_0001(connection))
    t = _tables(connection)
    tender.reference = "LADDER-0002"
    award, supplier = tender.award, tender.award.supplier
    tender_id = connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0001").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold(),
        award_supplier_name=supplier.name, award_supplier_postcode=supplier.postcode,
        award_supplier_sme=supplier.sme, award_supplier_vcse=supplier.vcse, awarded_on=award.awarded_on,
        awarded_value_gbp=award.awarded_value_gbp, renewal_requirements=award.renewal_requirements,
    ).returning(t["tender"].c.id)).scalar_one()
    for i, event in enumerate(tender.engagement):
        event_id = connection.execute(t["engagement_event"].insert().values(
            tender_id=tender_id, position=i, title=event.title, held_on=event.held_on, notes=event.notes,
        )).inserted_primary_key[0]
        for j, met in enumerate(event.suppliers):
            connection.execute(t["engagement_supplier"].insert().values(
                event_id=event_id, position=j, name=met.name, postcode=met.postcode, sme=met.sme, vcse=met.vcse))
    for i, result in enumerate(tender.kpi_results):
        connection.execute(t["kpi_result"].insert().values(
            tender_id=tender_id, position=i, kpi=result.kpi, period_start=result.period_start,
            period_end=result.period_end, rating=result.rating, result=result.result, notes=result.notes,
            reported_on=result.reported_on))
    for i, study in enumerate(tender.case_studies):
        connection.execute(t["case_study"].insert().values(
            tender_id=tender_id, position=i, title=study.title, theme=study.theme, written_on=study.written_on,
            text=study.text))
    ticked = [(role, item) for role, items in tender.role_checklists.items() for item in items]
    for i, (role, item) in enumerate(ticked):
        connection.execute(t["role_check"].insert().values(tender_id=tender_id, position=i, role=role, item=item))
    return tender


def fill_0003(connection: sa.Connection) -> Tender:
    """A 0002-shaped tender with one version in the audit trail that 0003 added."""
    tender = fill_0002(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0003"
    tender_id = connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0002").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold(),
    ).returning(t["tender"].c.id)).scalar_one()
    connection.execute(t["tender_history"].insert().values(
        tender_id=tender_id, version=3, action="saved", changed_at=WRITTEN_AT, changed_by="ladder",
        snapshot='{"format": "sv-desktop.tender"}'))
    return tender


def fill_0004(connection: sa.Connection) -> Tender:
    """A 0002-shaped tender, then what 0004 added: the supplier-facing texts and an issued pack."""
    from sv_desktop.model.supplier_text import SupplierText

    tender = fill_0002(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0004"
    tender.supplier_text = SupplierText(spec="Zero-emission fleet by year three.",
                                        local="Lots sized for local operators.",
                                        engagement="A market event on 3 May 2027, open to all.")
    tender_id = connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0002").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold(),
        supplier_text_spec=tender.supplier_text.spec, supplier_text_local=tender.supplier_text.local,
        supplier_text_engagement=tender.supplier_text.engagement,
    ).returning(t["tender"].c.id)).scalar_one()
    connection.execute(t["pack_issue"].insert().values(
        tender_id=tender_id, kind="pack", version=1, issued_on=dt.date(2027, 2, 1), content_hash="0" * 64))
    return tender


def fill_0006(connection: sa.Connection) -> Tender:
    """A 0002-shaped tender, then what 0006 added: the VAT treatment and per-question minimum scores."""
    tender = fill_0002(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0006"
    tender.vat_treatment = "exempt"
    tender.clarification_deadline = dt.date(2025, 3, 14)
    tender.kpi_targets_are_minimums = False
    tender_id = connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0002").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold(),
        vat_treatment="exempt", clarification_deadline=tender.clarification_deadline,
        kpi_targets_are_minimums=False,
    ).returning(t["tender"].c.id)).scalar_one()
    first = tender.questions[0]
    first.min_score, first.min_score_disqualifies = Decimal(2), True
    connection.execute(t["question"].update().where(
        (t["question"].c.tender_id == tender_id) & (t["question"].c.position == 0)
    ).values(min_score=Decimal(2), min_score_disqualifies=True))
    return tender


def fill_0008(connection: sa.Connection) -> Tender:
    """A 0002 tender, then what 0008 added: the CPV code and the estimated award date."""
    tender = fill_0002(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0008"
    tender.cpv_code = "60130000-8"
    tender.estimated_award_date = dt.date(2027, 6, 30)
    connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0002").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold(),
        cpv_code=tender.cpv_code, estimated_award_date=tender.estimated_award_date))
    return tender


def fill_0009(connection: sa.Connection) -> Tender:
    """A 0002 tender with what 0009 added: an evaluation with a bidder, an evaluator, a score and a
    consensus (the tender itself is unchanged)."""
    tender = fill_0002(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0009"
    tender_id = connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0002").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold(),
    ).returning(t["tender"].c.id)).scalar_one()
    evaluation_id = connection.execute(t["evaluation"].insert().values(
        tender_id=tender_id, status="moderation", pack_version="1", social_value_weight_pct=10,
        spread_threshold_pct=40, questions=[{"reference": "SV1", "weight_pct": "10", "scale_max": 5}],
        version_id=3)).inserted_primary_key[0]
    connection.execute(t["eval_bidder"].insert().values(evaluation_id=evaluation_id, position=0, name="Alpha",
                                                        sme=True, vcse=False, lot=None))
    connection.execute(t["eval_panel"].insert().values(evaluation_id=evaluation_id, position=0, name="Ann"))
    connection.execute(t["eval_score"].insert().values(evaluation_id=evaluation_id, evaluator="Ann",
                                                       bidder="Alpha", question="SV1", score=4, rationale="p.2"))
    connection.execute(t["eval_consensus"].insert().values(evaluation_id=evaluation_id, bidder="Alpha",
                                                           question="SV1", score=4, reason="Agreed"))
    return tender


def fill_0010(connection: sa.Connection) -> Tender:
    """A 0002 tender with what 0010 added: actual spend per financial year on the award."""
    from sv_desktop.model.lifecycle import ActualSpend

    tender = fill_0002(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0010"
    tender.award.actual_spend = [ActualSpend(2026, Decimal("125000.50"))]
    connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0002").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold(),
        actual_spend=[{"financial_year": 2026, "amount_gbp": "125000.50"}]))
    return tender


LADDER_BID = "LADDER-BID-0011"


def fill_0011(connection: sa.Connection) -> Tender:
    """A 0002 tender with what 0011 added beside it: a bid with one question and answer, and a commitment
    of the library (the tender itself is unchanged; `test_bid_store` reads the bid back)."""
    tender = fill_0002(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0011"
    connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0002").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold()))
    bid_id = connection.execute(t["bid"].insert().values(
        reference=LADDER_BID, title="Community nursing", commissioner="Example ICB", value_gbp=Decimal("1250000.50"),
        duration_months=36, regime="psr", social_value_weighting_pct=Decimal("12.5"), themes=["wellbeing"],
        stage="writing", bid_lead="Sam", outcome={}, updated_at=WRITTEN_AT.replace(tzinfo=None),
        version_id=2)).inserted_primary_key[0]
    connection.execute(t["bid_question"].insert().values(
        bid_id=bid_id, position=0, number="SV1", text="Local jobs?", limit=250, limit_kind="words",
        answer="Four apprentices by 2028.", commitment_ids=["apprenticeships"]))
    connection.execute(t["commitment"].insert().values(
        key="apprenticeships", title="Apprenticeships", theme="tackling_economic_inequality", quantity=Decimal(4),
        unit="apprenticeships", owner="Head of Workforce", evidence=[], capacity=Decimal(10),
        updated_at=WRITTEN_AT.replace(tzinfo=None), version_id=1))
    return tender


LADDER_BINNED_BID = "LADDER-BID-0012"


def fill_0012(connection: sa.Connection) -> Tender:
    """A 0011 database with what 0012 added: a second bid, moved to the bin at WRITTEN_AT (the 0011 bid stays
    live; `test_bid_store` reads both back)."""
    tender = fill_0011(connection)
    t = _tables(connection)
    tender.reference = "LADDER-0012"
    connection.execute(t["tender"].update().where(t["tender"].c.reference == "LADDER-0011").values(
        reference=tender.reference, search_text=f"{tender.reference}\n{tender.title}".casefold()))
    connection.execute(t["bid"].insert().values(
        reference=LADDER_BINNED_BID, title="Patient transport", commissioner="Example ICB", regime="procurement_act",
        themes=[], stage="opportunity", outcome={}, updated_at=WRITTEN_AT.replace(tzinfo=None), version_id=1,
        deleted_at=WRITTEN_AT.replace(tzinfo=None)))
    return tender


FILLERS: dict[str, Callable[[sa.Connection], Tender]] = {
    "0001": fill_0001,
    "0002": fill_0002,
    "0003": fill_0003,
    "0004": fill_0004,
    "0006": fill_0006,
    "0008": fill_0008,
    "0009": fill_0009,
    "0010": fill_0010,
    "0011": fill_0011,
    "0012": fill_0012,
}
