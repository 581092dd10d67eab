"""rounds may let candidates download their own feedback report (off unless a round is set so)

A plain ADD COLUMN, not a batch copy: on SQLite a batch copy drops the old `round` table, and with foreign keys
on, that drop would delete every candidate of every round.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("round", sa.Column("candidate_feedback", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("round", "candidate_feedback")
