"""links: party match proposals and decisions, shared asset identifiers, cross-border hits

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 02:26:27.145535

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "party_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_a_id", sa.Integer(), nullable=False),
        sa.Column("party_b_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "proposed",
                "confirmed",
                "rejected",
                name="linkstate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("party_a_id < party_b_id", name=op.f("ck_party_links_ordered_pair")),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_party_links_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["party_a_id"],
            ["parties.id"],
            name=op.f("fk_party_links_party_a_id_parties"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_b_id"],
            ["parties.id"],
            name=op.f("fk_party_links_party_b_id_parties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_links")),
        sa.UniqueConstraint(
            "party_a_id", "party_b_id", name=op.f("uq_party_links_party_a_id_party_b_id")
        ),
    )
    with op.batch_alter_table("party_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_links_party_a_id"), ["party_a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_party_links_party_b_id"), ["party_b_id"], unique=False)

    op.create_table(
        "asset_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asset_a_id", sa.Integer(), nullable=False),
        sa.Column("asset_b_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("asset_a_id < asset_b_id", name=op.f("ck_asset_links_ordered_pair")),
        sa.ForeignKeyConstraint(
            ["asset_a_id"],
            ["assets.id"],
            name=op.f("fk_asset_links_asset_a_id_assets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["asset_b_id"],
            ["assets.id"],
            name=op.f("fk_asset_links_asset_b_id_assets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_links")),
        sa.UniqueConstraint(
            "asset_a_id", "asset_b_id", name=op.f("uq_asset_links_asset_a_id_asset_b_id")
        ),
    )
    with op.batch_alter_table("asset_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asset_links_asset_a_id"), ["asset_a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_asset_links_asset_b_id"), ["asset_b_id"], unique=False)

    op.create_table(
        "cross_border_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "party",
                "asset",
                name="hitkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("party_link_id", sa.Integer(), nullable=True),
        sa.Column("asset_link_id", sa.Integer(), nullable=True),
        sa.Column("office_a_id", sa.Integer(), nullable=False),
        sa.Column("office_b_id", sa.Integer(), nullable=False),
        sa.Column("recipient_a_id", sa.Integer(), nullable=True),
        sa.Column("recipient_b_id", sa.Integer(), nullable=True),
        sa.Column("seen_a_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_b_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shared_a_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shared_a_by_id", sa.Integer(), nullable=True),
        sa.Column("shared_b_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shared_b_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(party_link_id IS NULL) <> (asset_link_id IS NULL)",
            name=op.f("ck_cross_border_hits_one_link"),
        ),
        sa.ForeignKeyConstraint(
            ["asset_link_id"],
            ["asset_links.id"],
            name=op.f("fk_cross_border_hits_asset_link_id_asset_links"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["office_a_id"], ["offices.id"], name=op.f("fk_cross_border_hits_office_a_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["office_b_id"], ["offices.id"], name=op.f("fk_cross_border_hits_office_b_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["party_link_id"],
            ["party_links.id"],
            name=op.f("fk_cross_border_hits_party_link_id_party_links"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_a_id"], ["users.id"], name=op.f("fk_cross_border_hits_recipient_a_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_b_id"], ["users.id"], name=op.f("fk_cross_border_hits_recipient_b_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["shared_a_by_id"], ["users.id"], name=op.f("fk_cross_border_hits_shared_a_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["shared_b_by_id"], ["users.id"], name=op.f("fk_cross_border_hits_shared_b_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cross_border_hits")),
        sa.UniqueConstraint("asset_link_id", name=op.f("uq_cross_border_hits_asset_link_id")),
        sa.UniqueConstraint("party_link_id", name=op.f("uq_cross_border_hits_party_link_id")),
    )
    with op.batch_alter_table("cross_border_hits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cross_border_hits_office_a_id"), ["office_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cross_border_hits_office_b_id"), ["office_b_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cross_border_hits_recipient_a_id"), ["recipient_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cross_border_hits_recipient_b_id"), ["recipient_b_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("cross_border_hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cross_border_hits_recipient_b_id"))
        batch_op.drop_index(batch_op.f("ix_cross_border_hits_recipient_a_id"))
        batch_op.drop_index(batch_op.f("ix_cross_border_hits_office_b_id"))
        batch_op.drop_index(batch_op.f("ix_cross_border_hits_office_a_id"))

    op.drop_table("cross_border_hits")
    with op.batch_alter_table("asset_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_asset_links_asset_b_id"))
        batch_op.drop_index(batch_op.f("ix_asset_links_asset_a_id"))

    op.drop_table("asset_links")
    with op.batch_alter_table("party_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_links_party_b_id"))
        batch_op.drop_index(batch_op.f("ix_party_links_party_a_id"))

    op.drop_table("party_links")
