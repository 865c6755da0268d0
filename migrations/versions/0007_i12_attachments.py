"""attachments, texts per language, what letters carry, names of places in en/ru/local

Revision ID: i12_attachments
Revises: i15_ca_desk
Create Date: 2026-12-01 20:43:36.791844

Existing free text stays where it is: the text columns of ``requests`` hold the text in the
request's first language (``languages[0]``), which is the language it was written in; the new
``texts`` column holds the other languages and starts empty. Offices' Russian and local
addresses and places of signature start empty and fall back to the English ones until filled.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "i12_attachments"
down_revision = "i15_ca_desk"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column(
            "side",
            sa.Enum(
                "requesting",
                "requested",
                name="attachmentside",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("status_change_id", sa.Integer(), nullable=True),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "order",
                "decision",
                "translation",
                "signed_scan",
                "evidence",
                "correspondence",
                "other",
                name="attachmentkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=127), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("signature", sa.JSON(), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_attachments_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_attachments_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["blobs.sha256"], name=op.f("fk_attachments_sha256_blobs")
        ),
        sa.ForeignKeyConstraint(
            ["status_change_id"],
            ["status_changes.id"],
            name=op.f("fk_attachments_status_change_id_status_changes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_attachments_uploaded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("series_id", "version", name=op.f("uq_attachments_series_id_version")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attachments_status_change_id"), ["status_change_id"], unique=False
        )

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("signed_by", sa.String(length=500), nullable=False, server_default="")
        )

    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address_ru", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("address_local", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("place_en", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("place_ru", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("place_local", sa.String(length=120), nullable=False, server_default="")
        )

    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("texts", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(sa.Column("counterpart_registered_on", sa.Date(), nullable=True))

    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("details", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_ru", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("name_ru")

    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_column("details")

    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_column("counterpart_registered_on")
        batch_op.drop_column("texts")

    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.drop_column("place_local")
        batch_op.drop_column("place_ru")
        batch_op.drop_column("place_en")
        batch_op.drop_column("address_local")
        batch_op.drop_column("address_ru")

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("signed_by")

    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_status_change_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachments_series_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_request_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_case_id"))

    op.drop_table("attachments")
    op.drop_table("blobs")
