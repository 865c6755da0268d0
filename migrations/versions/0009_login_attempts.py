"""login attempts counted per typed e-mail address (known or not), atomically

Revision ID: i13_login_attempts
Revises: i16_scale_indexes
Create Date: 2026-12-01 21:00:00

The per-user counter (users.failed_logins, users.locked_until) was read and written without
a lock, so parallel workers let every guess through; it is replaced by one row per address.
"""

import sqlalchemy as sa
from alembic import op

revision = "i13_login_attempts"
down_revision = "i16_scale_indexes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_attempts",
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.drop_table("login_attempts")
