"""Actual spend per financial year on the award, for the compliance report's spend figures.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

A JSON list on the tender row ([] for every row written before this step: no actual spend recorded, so the
report estimates spend pro rata).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tender") as batch:
        batch.add_column(sa.Column("actual_spend", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("tender") as batch:
        batch.drop_column("actual_spend")
