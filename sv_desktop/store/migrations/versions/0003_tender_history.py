"""The audit trail: one row per version of a tender, saying who changed it, when, how, and holding the
tender as it then stood (its `.svtender.json` form).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Written out in full rather than from the models, like the earlier steps. Tenders stored before this step
have no history yet; the first change to each records how it stood before that change.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tender_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tender_history"),
        sa.ForeignKeyConstraint(["tender_id"], ["tender.id"], name="fk_tender_history_tender_id_tender",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_tender_history_tender_id", "tender_history", ["tender_id"])


def downgrade() -> None:
    op.drop_index("ix_tender_history_tender_id", table_name="tender_history")
    op.drop_table("tender_history")
