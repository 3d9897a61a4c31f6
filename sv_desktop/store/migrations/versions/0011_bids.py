"""Bids: the Trust's own social value offers (with the commissioner's questions and the Trust's answers) and
the Trust-wide commitment library.

Revision ID: 0011
Revises: 0010
Create Date: 2027-01-11

Written out in full rather than from the models, like the earlier revisions. Constraint names follow the
naming convention in sv_desktop/store/models.py. New tables only: nothing stored before changes.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(18, 2)
PERCENT = sa.Numeric(7, 4)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "bid",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        _text("title"), _text("commissioner"), _text("portal"), _text("portal_reference"),
        sa.Column("value_gbp", MONEY, nullable=True),
        sa.Column("duration_months", sa.Integer(), nullable=True),
        sa.Column("submission_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("regime", sa.String(40), nullable=False),
        sa.Column("social_value_weighting_pct", PERCENT, nullable=True),
        sa.Column("themes", sa.JSON(), nullable=False),
        _text("criteria"),
        sa.Column("stage", sa.String(20), nullable=False),
        _text("bid_lead"), _text("approver"),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        _text("go_decision_notes"),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bid"),
    )
    op.create_index("ix_bid_reference", "bid", ["reference"], unique=True)
    op.create_index("ix_bid_stage", "bid", ["stage"])
    op.create_table(
        "bid_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        _text("text"),
        sa.Column("limit", sa.Integer(), nullable=True),
        sa.Column("limit_kind", sa.String(10), nullable=False),
        _text("scoring_scale"),
        sa.Column("weight_pct", PERCENT, nullable=True),
        _text("answer"),
        sa.Column("commitment_ids", sa.JSON(), nullable=False),
        _text("score"), _text("feedback"),
        sa.PrimaryKeyConstraint("id", name="pk_bid_question"),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], name="fk_bid_question_bid_id_bid", ondelete="CASCADE"),
        sa.UniqueConstraint("bid_id", "position", name="uq_bid_question_bid_id_position"),
    )
    op.create_index("ix_bid_question_bid_id", "bid_question", ["bid_id"])
    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        _text("title"),
        sa.Column("theme", sa.String(40), nullable=False),
        _text("charter_commitment"), _text("beneficiary"),
        sa.Column("quantity", MONEY, nullable=True),
        _text("unit"), _text("baseline"), _text("target"),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        _text("owner"),
        sa.Column("cost_gbp", MONEY, nullable=True),
        _text("approved_by"),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("capacity", MONEY, nullable=True),
        _text("notes"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_commitment"),
    )
    op.create_index("ix_commitment_key", "commitment", ["key"], unique=True)


def downgrade() -> None:
    op.drop_table("bid_question")
    op.drop_table("bid")
    op.drop_table("commitment")
