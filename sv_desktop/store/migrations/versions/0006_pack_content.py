"""Pack content: the tender's VAT treatment, clarification deadline and whether its KPI targets are
minimums; each question's optional minimum score and whether failing it disqualifies.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03

Server defaults make rows written before this step read as standard-rated VAT and questions without a
minimum score.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERCENT = sa.Numeric(7, 4)


def upgrade() -> None:
    with op.batch_alter_table("tender") as batch:
        batch.add_column(sa.Column("vat_treatment", sa.String(20), nullable=False, server_default="standard"))
        batch.add_column(sa.Column("clarification_deadline", sa.Date(), nullable=True))
        batch.add_column(sa.Column("kpi_targets_are_minimums", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))
    with op.batch_alter_table("question") as batch:
        batch.add_column(sa.Column("min_score", PERCENT, nullable=True))
        batch.add_column(sa.Column("min_score_disqualifies", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("question") as batch:
        batch.drop_column("min_score_disqualifies")
        batch.drop_column("min_score")
    with op.batch_alter_table("tender") as batch:
        batch.drop_column("kpi_targets_are_minimums")
        batch.drop_column("clarification_deadline")
        batch.drop_column("vat_treatment")
