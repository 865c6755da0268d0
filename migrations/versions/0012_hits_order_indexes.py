"""scale: each side's hits newest first, on one index per side (issue 16)

Revision ID: i16_hits_order
Revises: i16_list_indexes
Create Date: 2026-12-02 05:00:00

The dashboard's unseen hits and the links page's hits are read one side at a time, newest
first, and stop when the page is full (links.queries): each side gets an index in that
order, (office, created_at, id) and (office, seen, created_at, id). They replace the
office's own index and the (office, seen) index, which are their prefixes.
"""

from alembic import op

revision = "i16_hits_order"
down_revision = "i16_list_indexes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cross_border_hits", schema=None) as batch_op:
        for side in ("a", "b"):
            batch_op.drop_index(f"ix_cross_border_hits_office_{side}_id")
            batch_op.drop_index(f"ix_cross_border_hits_office_{side}_id_seen_{side}_at")
            batch_op.create_index(
                f"ix_cross_border_hits_office_{side}_created",
                [f"office_{side}_id", "created_at", "id"],
                unique=False,
            )
            batch_op.create_index(
                f"ix_cross_border_hits_office_{side}_unseen",
                [f"office_{side}_id", f"seen_{side}_at", "created_at", "id"],
                unique=False,
            )


def downgrade():
    with op.batch_alter_table("cross_border_hits", schema=None) as batch_op:
        for side in ("a", "b"):
            batch_op.drop_index(f"ix_cross_border_hits_office_{side}_unseen")
            batch_op.drop_index(f"ix_cross_border_hits_office_{side}_created")
            batch_op.create_index(
                f"ix_cross_border_hits_office_{side}_id_seen_{side}_at",
                [f"office_{side}_id", f"seen_{side}_at"],
                unique=False,
            )
            batch_op.create_index(
                f"ix_cross_border_hits_office_{side}_id", [f"office_{side}_id"], unique=False
            )
