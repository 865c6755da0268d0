"""indexes for link matching at scale: the parties under a word, companies by registry number

Revision ID: i16_links_indexes
Revises: i13_login_attempts
Create Date: 2026-12-02 01:10:00

One party's match candidates are the parties under its surname keys and other words: read
from (token, party_id) alone instead of a row per token; companies are looked up by registry
number and tax id, which had no index (a full scan of the parties per company).
"""

from alembic import op

revision = "i16_links_indexes"
down_revision = "i13_login_attempts"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("party_name_tokens", schema=None) as batch_op:
        batch_op.create_index(
            "ix_party_name_tokens_token_party_id", ["token", "party_id"], unique=False
        )
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.create_index("ix_parties_registration_number", ["registration_number"])
        batch_op.create_index("ix_parties_tax_id", ["tax_id"])


def downgrade():
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.drop_index("ix_parties_tax_id")
        batch_op.drop_index("ix_parties_registration_number")
    with op.batch_alter_table("party_name_tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_party_name_tokens_token_party_id")
