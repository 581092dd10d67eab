"""staff accounts, sessions, sign-in failures, round members, assignments; interviews owned by accounts

Existing interviews were keyed by a typed name. Each distinct name becomes a disabled interviewer account
(e-mail `legacy-<n>@accounts.invalid`) that owns that name's interviews; an admin gives it a real e-mail
and enables it, or leaves it disabled as a record.

Revision ID: 0002
Revises: 0001
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "staff_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_staff_session_staff_id", "staff_session", ["staff_id"])
    op.create_table(
        "sign_in_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sign_in_failure_email", "sign_in_failure", ["email"])
    op.create_index("ix_sign_in_failure_address", "sign_in_failure", ["address"])
    op.create_table(
        "round_member",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_id", "staff_id"),
    )
    op.create_table(
        "assignment",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("candidate_id", "staff_id"),
    )
    with op.batch_alter_table("interview") as batch:
        batch.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch.create_index("ix_interview_staff_id", ["staff_id"])
        batch.create_foreign_key("fk_interview_staff_id", "staff_account", ["staff_id"], ["id"])
    _legacy_interviewers_become_accounts()


def _legacy_interviewers_become_accounts() -> None:
    connection = op.get_bind()
    names = [row[0] for row in connection.execute(sa.text("SELECT DISTINCT interviewer FROM interview ORDER BY 1"))]
    moment = datetime.now(UTC)
    for number, name in enumerate(names, start=1):
        staff_id = connection.execute(
            sa.text("INSERT INTO staff_account (email, name, role, password_hash, disabled, created_at) "
                    "VALUES (:email, :name, 'interviewer', NULL, :disabled, :at) RETURNING id"),
            {"email": f"legacy-{number}@accounts.invalid", "name": name, "disabled": True, "at": moment}).scalar_one()
        connection.execute(sa.text("UPDATE interview SET staff_id = :staff WHERE interviewer = :name"),
                           {"staff": staff_id, "name": name})


def downgrade() -> None:
    with op.batch_alter_table("interview") as batch:
        batch.drop_constraint("fk_interview_staff_id", type_="foreignkey")
        batch.drop_index("ix_interview_staff_id")
        batch.drop_column("staff_id")
    for table in ("assignment", "round_member", "sign_in_failure", "staff_session", "staff_account"):
        op.drop_table(table)
