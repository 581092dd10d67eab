"""candidates remember the round revision of their last change, rounds that of their last whole change

A change of one candidate's data (an answer, a submitted interview, a decision) stamps the candidate with the
round's new revision; a change that concerns the whole round's tables (a plan, a merge, an erasure, a bulk
import) stamps the round's `whole_revision`. Results kept for an older revision are then brought up to date by
reading the stamped candidates alone (`assessment.results.loader`), not the whole round. Plain ADD COLUMNs.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("candidate", sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("round", sa.Column("whole_revision", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_column("round", "whole_revision")
    op.drop_column("candidate", "revision")
