"""Evaluation of bids: one evaluation per tender (the questions frozen as issued), its bidders, panel,
individual scores and consensus scores.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Written out in full rather than from the models, like the earlier revisions. Constraint names follow the
naming convention in sv_desktop/store/models.py.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERCENT = sa.Numeric(7, 4)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def _child(table: str, *columns: sa.Column, unique: tuple[str, ...] = ("position",)) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.ForeignKeyConstraint(["evaluation_id"], ["evaluation.id"],
                                name=f"fk_{table}_evaluation_id_evaluation", ondelete="CASCADE"),
        sa.UniqueConstraint("evaluation_id", *unique, name=f"uq_{table}_evaluation_id_{'_'.join(unique)}"),
    )
    op.create_index(f"ix_{table}_evaluation_id", table, ["evaluation_id"])


def upgrade() -> None:
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        _text("pack_version"),
        sa.Column("social_value_weight_pct", PERCENT, nullable=False),
        sa.Column("spread_threshold_pct", PERCENT, nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("award_notice_date", sa.Date(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evaluation"),
        sa.ForeignKeyConstraint(["tender_id"], ["tender.id"], name="fk_evaluation_tender_id_tender",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("tender_id", name="uq_evaluation_tender_id"),
    )
    _child(
        "eval_bidder",
        sa.Column("position", sa.Integer(), nullable=False),
        _text("name"), _text("address"), _text("identifier"), _text("postcode"),
        sa.Column("sme", sa.Boolean(), nullable=False),
        sa.Column("vcse", sa.Boolean(), nullable=False),
        sa.Column("lot", sa.Integer(), nullable=True),
        sa.Column("summary_sent_on", sa.Date(), nullable=True),
    )
    _child(
        "eval_panel",
        sa.Column("position", sa.Integer(), nullable=False),
        _text("name"), _text("role"),
        sa.Column("conflict_declared_on", sa.Date(), nullable=True),
        _text("experience"),
    )
    _child(
        "eval_score",
        sa.Column("evaluator", sa.String(200), nullable=False),
        sa.Column("bidder", sa.String(200), nullable=False),
        sa.Column("question", sa.String(40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        _text("rationale"),
        unique=("evaluator", "bidder", "question"),
    )
    _child(
        "eval_consensus",
        sa.Column("bidder", sa.String(200), nullable=False),
        sa.Column("question", sa.String(40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        _text("reason"),
        _text("commitment"),
        unique=("bidder", "question"),
    )


def downgrade() -> None:
    for table in ("eval_consensus", "eval_score", "eval_panel", "eval_bidder", "evaluation"):
        op.drop_table(table)
