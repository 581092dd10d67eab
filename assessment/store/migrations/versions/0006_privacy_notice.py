"""privacy notices; a candidate's consent records the notice's version, and a withdrawal its time

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "privacy_notice",
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    # Plain ADD COLUMN, not a batch: on SQLite a batch copies the candidate table and drops the old one, and
    # with foreign keys on, that drop would cascade to every interview and answer.
    op.add_column("candidate", sa.Column("consent_version", sa.String(length=64), nullable=True))
    op.add_column("candidate", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("candidate", "withdrawn_at")
    op.drop_column("candidate", "consent_version")
    op.drop_table("privacy_notice")
