"""central authority's desk: dispatch to an executing office, notifications, nationality codes

Revision ID: i15_ca_desk
Revises: i11_treaty_law
Create Date: 2026-12-01 21:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "i15_ca_desk"
down_revision = "i11_treaty_law"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("executing_office_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("dispatch_due_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("dispatch_note", sa.Text(), nullable=False, server_default="")
        )
        batch_op.create_index(
            batch_op.f("ix_requests_executing_office_id"), ["executing_office_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_requests_executing_office_id_offices"),
            "offices",
            ["executing_office_id"],
            ["id"],
        )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_status_changes_office_id_offices"), "offices", ["office_id"], ["id"]
        )
    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "email_notifications",
                sa.String(length=16),
                nullable=False,
                server_default="immediate",
            )
        )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("deadline_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=128), nullable=False),
        sa.Column("path", sa.String(length=255), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "email_state",
            sa.Enum(
                "none",
                "pending",
                "digest",
                "sent",
                "failed",
                name="emailstate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("email_error", sa.Text(), nullable=False),
        sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadlines.id"],
            name=op.f("fk_notifications_deadline_id_deadlines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_notifications_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notifications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notifications_deadline_id"), ["deadline_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index("ix_notifications_email_state", ["email_state"], unique=False)
        batch_op.create_index(
            "ix_notifications_user_id_read_at", ["user_id", "read_at"], unique=False
        )
    _nationality_to_codes()


def _nationality_to_codes():
    """Nationality becomes an ISO code: free text naming a country of the list maps to it."""
    bind = op.get_bind()
    countries = sa.table("countries", sa.column("code"), sa.column("name_en"), sa.column("name_ru"))
    parties = sa.table("parties", sa.column("id"), sa.column("nationality"))
    names = {}
    for code, name_en, name_ru in bind.execute(
        sa.select(countries.c.code, countries.c.name_en, countries.c.name_ru)
    ):
        for name in (code, name_en, name_ru):
            names[(name or "").strip().casefold()] = code
    rows = bind.execute(
        sa.select(parties.c.id, parties.c.nationality).where(parties.c.nationality != "")
    ).all()
    for party_id, nationality in rows:
        code = names.get((nationality or "").strip().casefold())
        if code and code != nationality:
            bind.execute(
                sa.update(parties).where(parties.c.id == party_id).values(nationality=code)
            )


def downgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_id_read_at")
        batch_op.drop_index("ix_notifications_email_state")
        batch_op.drop_index(batch_op.f("ix_notifications_request_id"))
        batch_op.drop_index(batch_op.f("ix_notifications_deadline_id"))
    op.drop_table("notifications")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_notifications")
    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.drop_column("is_active")
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_status_changes_office_id_offices"), type_="foreignkey"
        )
        batch_op.drop_column("office_id")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_requests_executing_office_id_offices"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_requests_executing_office_id"))
        batch_op.drop_column("dispatch_note")
        batch_op.drop_column("dispatch_due_on")
        batch_op.drop_column("executing_office_id")
