"""The database tables, as typed SQLAlchemy models.

One row per tender holds every scalar field (the lots, think-local, specification-refresh and modern
slavery parts are flattened into prefixed columns); the lists that have a shape of their own live in child
tables with a `position` so their order survives. Lists of plain strings are JSON columns.
These models describe the schema at the newest migration; the migrations themselves never import them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .types import Money, Percent, UTCDateTime

# Every constraint gets a predictable name, so batch migrations on SQLite can find and keep them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _text() -> Mapped[str]:
    return mapped_column(Text, default="", server_default="")


def _child_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)


class TenderRow(Base):
    __tablename__ = "tender"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True, index=True)
    title: Mapped[str] = _text()
    category: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = _text()
    value_excl_vat_gbp: Mapped[Decimal] = mapped_column(Money())
    vat_rate_pct: Mapped[Decimal] = mapped_column(Percent())
    vat_treatment: Mapped[str] = mapped_column(String(20), default="standard", server_default="standard")
    duration_months: Mapped[int] = mapped_column(Integer)
    route: Mapped[str] = mapped_column(String(40))
    tender_notice_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    contract_start_date: Mapped[dt.date | None] = mapped_column(Date)
    clarification_deadline: Mapped[dt.date | None] = mapped_column(Date)
    kpi_targets_are_minimums: Mapped[bool] = mapped_column(Boolean, default=True)
    social_value_weighting_pct: Mapped[Decimal] = mapped_column(Percent())
    cpv_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    estimated_award_date: Mapped[dt.date | None] = mapped_column(Date)

    lots_divided: Mapped[bool | None] = mapped_column(Boolean)
    lots_count: Mapped[int | None] = mapped_column(Integer)
    lots_reasons: Mapped[str] = _text()
    lots_head_contract_local_pct: Mapped[Decimal | None] = mapped_column(Percent())

    think_local_considered: Mapped[bool] = mapped_column(Boolean, default=False)
    think_local_notes: Mapped[str] = _text()
    think_local_prompts_done: Mapped[list[str]] = mapped_column(JSON, default=list)
    spec_refresh_considered: Mapped[bool] = mapped_column(Boolean, default=False)
    spec_refresh_notes: Mapped[str] = _text()
    spec_refresh_prompts_done: Mapped[list[str]] = mapped_column(JSON, default=list)

    supplier_text_spec: Mapped[str] = _text()
    supplier_text_local: Mapped[str] = _text()
    supplier_text_engagement: Mapped[str] = _text()

    msra_completed_on: Mapped[dt.date | None] = mapped_column(Date)
    msra_risk: Mapped[str | None] = mapped_column(String(20))
    msra_notes: Mapped[str] = _text()

    award_supplier_name: Mapped[str] = _text()
    award_supplier_postcode: Mapped[str] = _text()
    award_supplier_sme: Mapped[bool] = mapped_column(Boolean, default=False)
    award_supplier_vcse: Mapped[bool] = mapped_column(Boolean, default=False)
    awarded_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    awarded_value_gbp: Mapped[Decimal | None] = mapped_column(Money())
    renewal_requirements: Mapped[str] = _text()
    actual_spend: Mapped[list[dict]] = mapped_column(JSON, default=list)
    """[{"financial_year": 2027, "amount_gbp": "125000.00"}, ...]: spend per financial year, as finance gave it."""

    confidentiality_reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    kpi_exemption_reason: Mapped[str] = _text()
    is_framework: Mapped[bool] = mapped_column(Boolean, default=False)
    stage: Mapped[str] = mapped_column(String(40), index=True)
    current_step: Mapped[str] = mapped_column(String(40))
    compliant: Mapped[bool | None] = mapped_column(Boolean)
    search_text: Mapped[str] = _text()
    """Case-folded reference, title, description, lead names and awarded supplier, for a filter that
    ignores case in any language on both databases."""

    version_id: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)

    themes: Mapped[list[ThemeRow]] = relationship(
        order_by="ThemeRow.position", cascade="all, delete-orphan", passive_deletes=True)
    kpis: Mapped[list[KpiRow]] = relationship(
        order_by="KpiRow.position", cascade="all, delete-orphan", passive_deletes=True)
    questions: Mapped[list[QuestionRow]] = relationship(
        order_by="QuestionRow.position", cascade="all, delete-orphan", passive_deletes=True)
    leads: Mapped[list[LeadRow]] = relationship(
        order_by="LeadRow.position", cascade="all, delete-orphan", passive_deletes=True)
    engagement: Mapped[list[EngagementRow]] = relationship(
        order_by="EngagementRow.position", cascade="all, delete-orphan", passive_deletes=True)
    kpi_results: Mapped[list[KpiResultRow]] = relationship(
        order_by="KpiResultRow.position", cascade="all, delete-orphan", passive_deletes=True)
    case_studies: Mapped[list[CaseStudyRow]] = relationship(
        order_by="CaseStudyRow.position", cascade="all, delete-orphan", passive_deletes=True)
    role_checks: Mapped[list[RoleCheckRow]] = relationship(
        order_by="RoleCheckRow.position", cascade="all, delete-orphan", passive_deletes=True)

    __mapper_args__ = {"version_id_col": version_id}


class ThemeRow(Base):
    __tablename__ = "tender_theme"
    __table_args__ = (UniqueConstraint("tender_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    theme: Mapped[str] = mapped_column(String(40))
    weighting_pct: Mapped[Decimal] = mapped_column(Percent())
    actions: Mapped[list[str]] = mapped_column(JSON, default=list)
    own_actions: Mapped[list[str]] = mapped_column(JSON, default=list)


class KpiRow(Base):
    __tablename__ = "kpi"
    __table_args__ = (UniqueConstraint("tender_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = _text()
    unit: Mapped[str] = _text()
    baseline: Mapped[str] = _text()
    target: Mapped[str] = _text()
    frequency: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(40))
    publish: Mapped[bool] = mapped_column(Boolean)
    evidence: Mapped[str] = _text()
    toms_reference: Mapped[str] = _text()
    source_id: Mapped[str] = _text()


class QuestionRow(Base):
    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("tender_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    theme: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = _text()
    text: Mapped[str] = _text()
    must_describe: Mapped[list[str]] = mapped_column(JSON, default=list)
    sub_criteria: Mapped[list[str]] = mapped_column(JSON, default=list)
    word_limit: Mapped[int] = mapped_column(Integer)
    scoring_scale: Mapped[str] = mapped_column(String(20))
    evaluation_guidance: Mapped[str] = _text()
    weighting_pct: Mapped[Decimal | None] = mapped_column(Percent())
    source_id: Mapped[str] = _text()
    min_score: Mapped[Decimal | None] = mapped_column(Percent())
    min_score_disqualifies: Mapped[bool] = mapped_column(Boolean, default=False)


class LeadRow(Base):
    __tablename__ = "tender_lead"
    __table_args__ = (UniqueConstraint("tender_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = _text()


class EngagementRow(Base):
    """A pre-market engagement event; the suppliers met are its own children."""

    __tablename__ = "engagement_event"
    __table_args__ = (UniqueConstraint("tender_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = _text()
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = _text()

    suppliers: Mapped[list[EngagementSupplierRow]] = relationship(
        order_by="EngagementSupplierRow.position", cascade="all, delete-orphan", passive_deletes=True)


class EngagementSupplierRow(Base):
    __tablename__ = "engagement_supplier"
    __table_args__ = (UniqueConstraint("event_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("engagement_event.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = _text()
    postcode: Mapped[str] = _text()
    sme: Mapped[bool] = mapped_column(Boolean)
    vcse: Mapped[bool] = mapped_column(Boolean)


class KpiResultRow(Base):
    __tablename__ = "kpi_result"
    __table_args__ = (UniqueConstraint("tender_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    kpi: Mapped[str] = _text()
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    rating: Mapped[str] = mapped_column(String(100))
    result: Mapped[str] = _text()
    notes: Mapped[str] = _text()
    reported_on: Mapped[dt.date | None] = mapped_column(Date)


class CaseStudyRow(Base):
    __tablename__ = "case_study"
    __table_args__ = (UniqueConstraint("tender_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = _text()
    theme: Mapped[str | None] = mapped_column(String(40))
    written_on: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = _text()


class RoleCheckRow(Base):
    """One responsibility of policy §5 ticked for a role on this tender (its words, as ticked)."""

    __tablename__ = "role_check"
    __table_args__ = (UniqueConstraint("tender_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(40))
    item: Mapped[str] = _text()


class PackIssueRow(Base):
    """One issue of a supplier document (pack or brief): its version, date and a hash of its content."""

    __tablename__ = "pack_issue"
    __table_args__ = (UniqueConstraint("tender_id", "kind", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    content_hash: Mapped[str] = mapped_column(String(64))


class StoreMetaRow(Base):
    """One row counting committed changes, so a backup is only taken when something changed."""

    __tablename__ = "store_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_count: Mapped[int] = mapped_column(Integer, default=0)


class HistoryRow(Base):
    """One version of a tender in its audit trail: who changed it (the database user, or the computer's user
    on SQLite), when, how (`action`), and the tender as it then stood in its file form (none for a move to or
    from the bin; none yet for the newest version, whose copy is the tender itself until the next change).
    Deleted with the tender when the bin is emptied."""

    __tablename__ = "tender_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = _child_fk()
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    changed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    snapshot: Mapped[str | None] = mapped_column(Text)
# ---- evaluation of bids (one evaluation per tender; its bidders, panel, scores and consensus)


def _evaluation_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("evaluation.id", ondelete="CASCADE"), index=True)


class EvaluationRow(Base):
    """The evaluation of a tender's bids, with the questions frozen as issued (a JSON list)."""

    __tablename__ = "evaluation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(20))
    pack_version: Mapped[str] = _text()
    social_value_weight_pct: Mapped[Decimal] = mapped_column(Percent())
    spread_threshold_pct: Mapped[Decimal] = mapped_column(Percent())
    questions: Mapped[list[dict]] = mapped_column(JSON, default=list)
    award_notice_date: Mapped[dt.date | None] = mapped_column(Date)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    bidders: Mapped[list[EvalBidderRow]] = relationship(
        order_by="EvalBidderRow.position", cascade="all, delete-orphan", passive_deletes=True)
    panel: Mapped[list[EvalPanelRow]] = relationship(
        order_by="EvalPanelRow.position", cascade="all, delete-orphan", passive_deletes=True)
    scores: Mapped[list[EvalScoreRow]] = relationship(
        order_by="EvalScoreRow.id", cascade="all, delete-orphan", passive_deletes=True)
    consensus: Mapped[list[EvalConsensusRow]] = relationship(
        order_by="EvalConsensusRow.id", cascade="all, delete-orphan", passive_deletes=True)


class EvalBidderRow(Base):
    __tablename__ = "eval_bidder"
    __table_args__ = (UniqueConstraint("evaluation_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = _evaluation_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = _text()
    address: Mapped[str] = _text()
    identifier: Mapped[str] = _text()
    postcode: Mapped[str] = _text()
    sme: Mapped[bool] = mapped_column(Boolean)
    vcse: Mapped[bool] = mapped_column(Boolean)
    lot: Mapped[int | None] = mapped_column(Integer)
    summary_sent_on: Mapped[dt.date | None] = mapped_column(Date)


class EvalPanelRow(Base):
    __tablename__ = "eval_panel"
    __table_args__ = (UniqueConstraint("evaluation_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = _evaluation_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = _text()
    role: Mapped[str] = _text()
    conflict_declared_on: Mapped[dt.date | None] = mapped_column(Date)
    experience: Mapped[str] = _text()


class EvalScoreRow(Base):
    """One evaluator's score for one bidder's answer to one question."""

    __tablename__ = "eval_score"
    __table_args__ = (UniqueConstraint("evaluation_id", "evaluator", "bidder", "question"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = _evaluation_fk()
    evaluator: Mapped[str] = mapped_column(String(200))
    bidder: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer)
    rationale: Mapped[str] = _text()


class EvalConsensusRow(Base):
    """The panel's agreed score for one bidder and question, with its reason (empty until agreed)."""

    __tablename__ = "eval_consensus"
    __table_args__ = (UniqueConstraint("evaluation_id", "bidder", "question"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = _evaluation_fk()
    bidder: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(String(40))
    score: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = _text()
    commitment: Mapped[str] = _text()


# ---- bids: the Trust's own offers (their questions and answers) and the Trust-wide commitment library


class BidRow(Base):
    __tablename__ = "bid"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True, index=True)
    title: Mapped[str] = _text()
    commissioner: Mapped[str] = _text()
    portal: Mapped[str] = _text()
    portal_reference: Mapped[str] = _text()
    value_gbp: Mapped[Decimal | None] = mapped_column(Money())
    duration_months: Mapped[int | None] = mapped_column(Integer)
    submission_deadline: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    regime: Mapped[str] = mapped_column(String(40))
    social_value_weighting_pct: Mapped[Decimal | None] = mapped_column(Percent())
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    criteria: Mapped[str] = _text()
    stage: Mapped[str] = mapped_column(String(20), index=True)
    bid_lead: Mapped[str] = _text()
    approver: Mapped[str] = _text()
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    go_decision_notes: Mapped[str] = _text()
    outcome: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    """When the bid was moved to the bin (None: it is live); it is removed for good 30 days later."""

    questions: Mapped[list[BidQuestionRow]] = relationship(
        order_by="BidQuestionRow.position", cascade="all, delete-orphan", passive_deletes=True)


class BidQuestionRow(Base):
    """A commissioner's question as issued, with the Trust's answer and the commitments it uses."""

    __tablename__ = "bid_question"
    __table_args__ = (UniqueConstraint("bid_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bid.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = _text()
    limit: Mapped[int | None] = mapped_column(Integer)
    limit_kind: Mapped[str] = mapped_column(String(10))
    scoring_scale: Mapped[str] = _text()
    weight_pct: Mapped[Decimal | None] = mapped_column(Percent())
    answer: Mapped[str] = _text()
    commitment_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[str] = _text()
    feedback: Mapped[str] = _text()


class CommitmentRow(Base):
    __tablename__ = "commitment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True, index=True)
    title: Mapped[str] = _text()
    theme: Mapped[str] = mapped_column(String(40))
    charter_commitment: Mapped[str] = _text()
    beneficiary: Mapped[str] = _text()
    quantity: Mapped[Decimal | None] = mapped_column(Money())
    unit: Mapped[str] = _text()
    baseline: Mapped[str] = _text()
    target: Mapped[str] = _text()
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str] = _text()
    cost_gbp: Mapped[Decimal | None] = mapped_column(Money())
    approved_by: Mapped[str] = _text()
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    evidence: Mapped[list[dict]] = mapped_column(JSON, default=list)
    capacity: Mapped[Decimal | None] = mapped_column(Money())
    notes: Mapped[str] = _text()
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)
