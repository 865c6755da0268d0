"""links: each pair's two offices on the pair, and an index by state, offices and score (issue 16)

Revision ID: i16_party_link_offices
Revises: i16_figures_tallies
Create Date: 2026-12-02 13:30:00

The links page reads the proposals between the user's offices best first. Without the
offices on the pair, it read them through the office's parties (``party_a_id IN (SELECT …)
AND party_b_id IN (SELECT …)``), a cost that grew with the office's parties and links. The
pair now carries the offices of its two parties (a party never changes office), back-filled
here from the parties, and (state, office a, office b, score, id) reads one pair of offices
in the page's order; with the state first it also tells a hit at once whether its pair was
rejected.
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_party_link_offices"
down_revision = "i16_figures_tallies"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("party_links", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_a_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("office_b_id", sa.Integer(), nullable=True))
    for side in ("a", "b"):
        op.execute(
            f"UPDATE party_links SET office_{side}_id = (SELECT parties.office_id FROM parties "
            f"WHERE parties.id = party_links.party_{side}_id)"
        )
    with op.batch_alter_table("party_links", schema=None) as batch_op:
        for side in ("a", "b"):
            batch_op.alter_column(f"office_{side}_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(
                batch_op.f(f"fk_party_links_office_{side}_id_offices"),
                "offices",
                [f"office_{side}_id"],
                ["id"],
            )
        batch_op.create_index(
            "ix_party_links_state_offices_score",
            ["state", "office_a_id", "office_b_id", "score", "id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("party_links", schema=None) as batch_op:
        batch_op.drop_index("ix_party_links_state_offices_score")
        for side in ("a", "b"):
            batch_op.drop_constraint(
                batch_op.f(f"fk_party_links_office_{side}_id_offices"), type_="foreignkey"
            )
            batch_op.drop_column(f"office_{side}_id")
