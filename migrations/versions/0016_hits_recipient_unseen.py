"""links: each side's unseen hits by recipient, newest first (issue 16)

Revision ID: i16_hits_recipient_unseen
Revises: i16_party_link_offices
Create Date: 2026-12-02 14:00:00

The dashboard lists the unseen hits addressed to the user or to the office as a whole. On
the (office, seen, created) index the condition "no recipient, or this user" was checked row
by row: a central authority, to whom the prosecutors' hits are not addressed, walked every
unseen hit of the country's offices. (office, recipient, seen, created, id) reads each
recipient's unseen hits exactly (links.queries reads the two recipients apart), and
replaces the (office, seen, created, id) index, which nothing else reads.
"""

from alembic import op

revision = "i16_hits_recipient_unseen"
down_revision = "i16_party_link_offices"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cross_border_hits", schema=None) as batch_op:
        for side in ("a", "b"):
            batch_op.drop_index(f"ix_cross_border_hits_office_{side}_unseen")
            batch_op.create_index(
                f"ix_cross_border_hits_office_{side}_recipient_unseen",
                [
                    f"office_{side}_id",
                    f"recipient_{side}_id",
                    f"seen_{side}_at",
                    "created_at",
                    "id",
                ],
                unique=False,
            )


def downgrade():
    with op.batch_alter_table("cross_border_hits", schema=None) as batch_op:
        for side in ("a", "b"):
            batch_op.drop_index(f"ix_cross_border_hits_office_{side}_recipient_unseen")
            batch_op.create_index(
                f"ix_cross_border_hits_office_{side}_unseen",
                [f"office_{side}_id", f"seen_{side}_at", "created_at", "id"],
                unique=False,
            )
