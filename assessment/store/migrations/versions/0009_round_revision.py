"""rounds count their changes: `revision` goes up in the same transaction as every change of a round's data

Computed results of a round (scores, reliability, manager types) are kept in memory keyed by this number, so a
page view after no change costs one small read. A plain ADD COLUMN, not a batch copy (see 0004).

Revision ID: 0009
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("round", sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_column("round", "revision")
