"""search: each name token carries its party's office, indexed with the token (issue 16)

Revision ID: i16_token_office
Revises: i16_sent_order
Create Date: 2026-12-03 16:20:00

Party search read the tokens of every office under the rarest word and then dropped the
parties the user may not see: "aliyev" read 639 tokens of 312 parties at 100,000 requests
to find Almaty's 16. With the party's office on the token (a party never changes office),
the search reads the user's offices' tokens only, on ix_party_name_tokens_office_id_token.
Filled here from the parties.
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_token_office"
down_revision = "i16_sent_order"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("party_name_tokens") as batch:
        batch.add_column(sa.Column("office_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE party_name_tokens SET office_id = "
        "(SELECT parties.office_id FROM parties WHERE parties.id = party_name_tokens.party_id)"
    )
    with op.batch_alter_table("party_name_tokens") as batch:
        batch.alter_column("office_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            batch.f("fk_party_name_tokens_office_id_offices"), "offices", ["office_id"], ["id"]
        )
        batch.create_index(
            "ix_party_name_tokens_office_id_token",
            ["office_id", "token"],
            postgresql_ops={"token": "text_pattern_ops"},
        )


def downgrade():
    with op.batch_alter_table("party_name_tokens") as batch:
        batch.drop_index("ix_party_name_tokens_office_id_token")
        batch.drop_constraint("fk_party_name_tokens_office_id_offices", type_="foreignkey")
        batch.drop_column("office_id")
