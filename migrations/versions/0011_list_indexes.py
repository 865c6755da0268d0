"""scale: the deadlines lists' order, the work queues' office-status indexes (issue 16)

Revision ID: i16_list_indexes
Revises: i16_links_indexes
Create Date: 2026-12-02 00:30:00

The deadlines lists read in due-date order and stop when a page is full; the work queues
count "answers received" and "incoming to dispatch" on an index that holds every column
they ask about (the two office-and-status indexes they replace are their prefixes); the
coordinator's dashboard counts the network's open requests on an index of the status; a
central authority's request lists read the reference order across its country's offices;
the network figures read a covering index of the requests and a partial index of the late
deadlines.
"""

import sqlalchemy as sa
from alembic import op

#: The owed deadlines whose lateness makes a request overdue (models.deadline.LATE_WHERE).
LATE_WHERE = "kind IN ('acknowledgement', 'response_due') AND state IN ('open', 'missed')"

revision = "i16_list_indexes"
down_revision = "i16_links_indexes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.create_index("ix_deadlines_due_on_id", ["due_on", "id"], unique=False)
        batch_op.create_index(
            "ix_deadlines_late_request_id_due_on",
            ["request_id", "due_on"],
            unique=False,
            postgresql_where=sa.text(LATE_WHERE),
            sqlite_where=sa.text(LATE_WHERE),
        )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_figures",
            ["status", "requesting_office_id", "requested_office_id"],
            unique=False,
            postgresql_include=[
                "refusal_ground",
                "sent_at",
                "acknowledged_at",
                "closed_at",
                "assistance_types",
            ],
        )
        batch_op.create_index(
            "ix_requests_requesting_office_id_status_closed_at",
            ["requesting_office_id", "status", "closed_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_requests_requested_office_id_status_executing",
            ["requested_office_id", "status", "executing_office_id"],
            unique=False,
        )
        batch_op.create_index("ix_requests_status_id", ["status", "id"], unique=False)
        batch_op.create_index("ix_requests_year_seq_id", ["year", "seq", "id"], unique=False)
        batch_op.drop_index("ix_requests_requesting_office_id_status")
        batch_op.drop_index("ix_requests_requested_office_id_status")


def downgrade():
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_requested_office_id_status",
            ["requested_office_id", "status"],
            unique=False,
        )
        batch_op.create_index(
            "ix_requests_requesting_office_id_status",
            ["requesting_office_id", "status"],
            unique=False,
        )
        batch_op.drop_index("ix_requests_figures")
        batch_op.drop_index("ix_requests_year_seq_id")
        batch_op.drop_index("ix_requests_status_id")
        batch_op.drop_index("ix_requests_requested_office_id_status_executing")
        batch_op.drop_index("ix_requests_requesting_office_id_status_closed_at")
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_index("ix_deadlines_late_request_id_due_on")
        batch_op.drop_index("ix_deadlines_due_on_id")
