"""Notice fields: the CPV code of the main subject matter and the estimated award date, for the pipeline
notice (Procurement Act 2023 s.93) and open contracting data.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-03

Both columns are optional; rows written before this step read as "not recorded".
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tender") as batch:
        batch.add_column(sa.Column("cpv_code", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("estimated_award_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tender") as batch:
        batch.drop_column("estimated_award_date")
        batch.drop_column("cpv_code")
