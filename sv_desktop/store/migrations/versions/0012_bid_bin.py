"""Bids go to the bin like tenders: the day each was moved there, removed for good 30 days later.

Revision ID: 0012
Revises: 0011
Create Date: 2027-01-25

One nullable column on the bid row (NULL for every bid written before this step: all of them are live) and
its index, named by the naming convention in sv_desktop/store/models.py.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bid") as batch:
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_bid_deleted_at", ["deleted_at"])


def downgrade() -> None:
    with op.batch_alter_table("bid") as batch:
        batch.drop_index("ix_bid_deleted_at")
        batch.drop_column("deleted_at")
