"""deadlines: each deadline of a request carries the request's requesting office (issue 16)

Revision ID: i16_deadline_requesting
Revises: i16_pair_tallies
Create Date: 2026-12-04 19:30:00

The lists and the dashboard count what an office is owed on its requests. Through a join
to the requests, PostgreSQL hashed the office's 5,850 requests at 100,000 requests to find
the deadlines due this week (6 ms, 1 ms at 1,000). With the requesting office on the
deadline (a request never changes its requesting office) that half reads
ix_deadlines_requesting_office_id_state_due_on as the other half reads the owner's index.
Filled here from the requests. The column is added without rebuilding the table on SQLite
(a rebuild would recreate the table's partial indexes from reflection).
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_deadline_requesting"
down_revision = "i16_pair_tallies"
branch_labels = None
depends_on = None


def upgrade():
    name = op.f("fk_deadlines_requesting_office_id_offices")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in place; Alembic would rebuild the table.
        op.execute(
            f"ALTER TABLE deadlines ADD COLUMN requesting_office_id INTEGER "
            f"CONSTRAINT {name} REFERENCES offices (id)"
        )
    else:
        op.add_column("deadlines", sa.Column("requesting_office_id", sa.Integer(), nullable=True))
        op.create_foreign_key(name, "deadlines", "offices", ["requesting_office_id"], ["id"])
    op.execute(
        "UPDATE deadlines SET requesting_office_id = (SELECT requests.requesting_office_id "
        "FROM requests WHERE requests.id = deadlines.request_id) WHERE request_id IS NOT NULL"
    )
    op.create_index(
        "ix_deadlines_requesting_office_id_state_due_on",
        "deadlines",
        ["requesting_office_id", "state", "due_on"],
    )


def downgrade():
    op.drop_index("ix_deadlines_requesting_office_id_state_due_on", table_name="deadlines")
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_column("requesting_office_id")
