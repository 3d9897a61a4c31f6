"""Supplier-facing text apart from internal notes, and the record of each issue of a supplier document.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Three text columns on the tender (what the specification, think-local and engagement steps tell
suppliers), empty for rows written before this step; and `pack_issue`, one row per issued version of a
tender's pack or brief (version, issue date, content hash), removed with its tender.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("supplier_text_spec", "supplier_text_local", "supplier_text_engagement")


def upgrade() -> None:
    with op.batch_alter_table("tender") as batch:
        for column in COLUMNS:
            batch.add_column(sa.Column(column, sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "pack_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pack_issue"),
        sa.ForeignKeyConstraint(["tender_id"], ["tender.id"], name="fk_pack_issue_tender_id_tender",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("tender_id", "kind", "version", name="uq_pack_issue_tender_id_kind_version"),
    )
    op.create_index("ix_pack_issue_tender_id", "pack_issue", ["tender_id"])


def downgrade() -> None:
    op.drop_table("pack_issue")
    with op.batch_alter_table("tender") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
