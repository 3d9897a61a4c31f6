"""Lifecycle: the award on the tender row; engagement events and suppliers, KPI results, case studies and
ticked role responsibilities as child tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Written out in full rather than from the models, like the baseline. The new tender columns get server
defaults so rows written before this step read as "not awarded". SQLite alters the tender table in batch
mode (a copy of the table); constraint names follow the naming convention in sv_desktop/store/models.py so
the copy keeps them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(18, 2)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def _child(table: str, parent: str, parent_column: str, *columns: sa.Column) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(parent_column, sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.ForeignKeyConstraint([parent_column], [f"{parent}.id"], name=f"fk_{table}_{parent_column}_{parent}",
                                ondelete="CASCADE"),
        sa.UniqueConstraint(parent_column, "position", name=f"uq_{table}_{parent_column}_position"),
    )
    op.create_index(f"ix_{table}_{parent_column}", table, [parent_column])


def upgrade() -> None:
    with op.batch_alter_table("tender") as batch:
        batch.add_column(_text("award_supplier_name"))
        batch.add_column(_text("award_supplier_postcode"))
        batch.add_column(sa.Column("award_supplier_sme", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("award_supplier_vcse", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("awarded_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("awarded_value_gbp", MONEY, nullable=True))
        batch.add_column(_text("renewal_requirements"))
        batch.create_index("ix_tender_awarded_on", ["awarded_on"])

    _child(
        "engagement_event", "tender", "tender_id",
        _text("title"),
        sa.Column("held_on", sa.Date(), nullable=True),
        _text("notes"),
    )
    _child(
        "engagement_supplier", "engagement_event", "event_id",
        _text("name"), _text("postcode"),
        sa.Column("sme", sa.Boolean(), nullable=False),
        sa.Column("vcse", sa.Boolean(), nullable=False),
    )
    _child(
        "kpi_result", "tender", "tender_id",
        _text("kpi"),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("rating", sa.String(100), nullable=False),
        _text("result"), _text("notes"),
        sa.Column("reported_on", sa.Date(), nullable=True),
    )
    _child(
        "case_study", "tender", "tender_id",
        _text("title"),
        sa.Column("theme", sa.String(40), nullable=True),
        sa.Column("written_on", sa.Date(), nullable=True),
        _text("text"),
    )
    _child(
        "role_check", "tender", "tender_id",
        sa.Column("role", sa.String(40), nullable=False),
        _text("item"),
    )


def downgrade() -> None:
    for table in ("role_check", "case_study", "kpi_result", "engagement_supplier", "engagement_event"):
        op.drop_table(table)
    with op.batch_alter_table("tender") as batch:
        batch.drop_index("ix_tender_awarded_on")
        for column in ("renewal_requirements", "awarded_value_gbp", "awarded_on", "award_supplier_vcse",
                       "award_supplier_sme", "award_supplier_postcode", "award_supplier_name"):
            batch.drop_column(column)
