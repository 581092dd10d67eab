"""round lifecycle: when a round was closed, and how long its candidates' personal data is kept

`round.status` (open | closed | archived) and `round.closes_at` existed from the start; `closed_at` records
when a round stopped being open (retention counts from it), `retention_days` overrides the organisation's
default for one round.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of `round`, which its candidates refer to).
    op.add_column("round", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("round", sa.Column("retention_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("round", "retention_days")
    op.drop_column("round", "closed_at")
