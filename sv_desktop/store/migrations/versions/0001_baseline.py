"""Baseline: tenders with their themes, KPIs, questions and leads, and the change counter.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out in full rather than from the models, so that later model changes never alter what this step
builds. Constraint names follow the naming convention in sv_desktop/store/models.py.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(18, 2)
PERCENT = sa.Numeric(7, 4)
WHEN = sa.DateTime(timezone=True)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def _child(table: str, *columns: sa.Column, unique: tuple[str, ...] = ("tender_id", "position")) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.ForeignKeyConstraint(["tender_id"], ["tender.id"], name=f"fk_{table}_tender_id_tender",
                                ondelete="CASCADE"),
        sa.UniqueConstraint(*unique, name=f"uq_{table}_{'_'.join(unique)}"),
    )
    op.create_index(f"ix_{table}_tender_id", table, ["tender_id"])


def upgrade() -> None:
    op.create_table(
        "tender",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        _text("title"),
        sa.Column("category", sa.String(40), nullable=False),
        _text("description"),
        sa.Column("value_excl_vat_gbp", MONEY, nullable=False),
        sa.Column("vat_rate_pct", PERCENT, nullable=False),
        sa.Column("duration_months", sa.Integer(), nullable=False),
        sa.Column("route", sa.String(40), nullable=False),
        sa.Column("tender_notice_date", sa.Date(), nullable=True),
        sa.Column("contract_start_date", sa.Date(), nullable=True),
        sa.Column("social_value_weighting_pct", PERCENT, nullable=False),
        sa.Column("lots_divided", sa.Boolean(), nullable=True),
        sa.Column("lots_count", sa.Integer(), nullable=True),
        _text("lots_reasons"),
        sa.Column("lots_head_contract_local_pct", PERCENT, nullable=True),
        sa.Column("think_local_considered", sa.Boolean(), nullable=False),
        _text("think_local_notes"),
        sa.Column("think_local_prompts_done", sa.JSON(), nullable=False),
        sa.Column("spec_refresh_considered", sa.Boolean(), nullable=False),
        _text("spec_refresh_notes"),
        sa.Column("spec_refresh_prompts_done", sa.JSON(), nullable=False),
        sa.Column("msra_completed_on", sa.Date(), nullable=True),
        sa.Column("msra_risk", sa.String(20), nullable=True),
        _text("msra_notes"),
        sa.Column("confidentiality_reviewed", sa.Boolean(), nullable=False),
        _text("kpi_exemption_reason"),
        sa.Column("is_framework", sa.Boolean(), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("current_step", sa.String(40), nullable=False),
        sa.Column("compliant", sa.Boolean(), nullable=True),
        _text("search_text"),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("deleted_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tender"),
    )
    op.create_index("ix_tender_reference", "tender", ["reference"], unique=True)
    op.create_index("ix_tender_stage", "tender", ["stage"])
    op.create_index("ix_tender_tender_notice_date", "tender", ["tender_notice_date"])
    op.create_index("ix_tender_deleted_at", "tender", ["deleted_at"])

    _child(
        "tender_theme",
        sa.Column("theme", sa.String(40), nullable=False),
        sa.Column("weighting_pct", PERCENT, nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("own_actions", sa.JSON(), nullable=False),
    )
    _child(
        "kpi",
        _text("name"), _text("unit"), _text("baseline"), _text("target"),
        sa.Column("frequency", sa.String(20), nullable=False),
        sa.Column("theme", sa.String(40), nullable=False),
        sa.Column("publish", sa.Boolean(), nullable=False),
        _text("evidence"), _text("toms_reference"), _text("source_id"),
    )
    _child(
        "question",
        sa.Column("theme", sa.String(40), nullable=False),
        _text("title"),
        _text("text"),
        sa.Column("must_describe", sa.JSON(), nullable=False),
        sa.Column("sub_criteria", sa.JSON(), nullable=False),
        sa.Column("word_limit", sa.Integer(), nullable=False),
        sa.Column("scoring_scale", sa.String(20), nullable=False),
        _text("evaluation_guidance"),
        sa.Column("weighting_pct", PERCENT, nullable=True),
        _text("source_id"),
    )
    _child(
        "tender_lead",
        sa.Column("role", sa.String(40), nullable=False),
        _text("name"),
        unique=("tender_id", "role"),
    )

    meta = op.create_table(
        "store_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_meta"),
    )
    op.bulk_insert(meta, [{"id": 1, "change_count": 0}])


def downgrade() -> None:
    for table in ("store_meta", "tender_lead", "question", "kpi", "tender_theme", "tender"):
        op.drop_table(table)
