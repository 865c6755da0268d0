"""figures: the month tally keeps the whole network's rows (office ids 0) (issue 16)

Revision ID: i16_month_network
Revises: i16_late_network
Create Date: 2026-12-03 16:50:00

The network's trend of requests sent and executed per month summed every office triple's
rows of the last twelve months, which the years fill (6.8 ms at 100,000 requests on
PostgreSQL, 0.2 ms at 1,000). The tally now keeps each month, event, "sent" flag and
assistance type once more for the whole network, with office ids 0 (no office has that id,
so the offices' readers, which join the offices, never see these rows), and an index by
office, type and month, so that one office's or the network's months are one range; filled
here from the offices' rows.
"""

from alembic import op

revision = "i16_month_network"
down_revision = "i16_late_network"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "INSERT INTO request_month_tallies (month, event, requesting_office_id, "
        "requested_office_id, executing_office_id, is_sent, assistance_type, count) "
        "SELECT month, event, 0, 0, 0, is_sent, assistance_type, SUM(count) "
        "FROM request_month_tallies WHERE requesting_office_id <> 0 "
        "GROUP BY month, event, is_sent, assistance_type"
    )
    op.create_index(
        "ix_request_month_tallies_office_type_month",
        "request_month_tallies",
        ["requesting_office_id", "assistance_type", "month"],
    )


def downgrade():
    op.drop_index("ix_request_month_tallies_office_type_month", table_name="request_month_tallies")
    op.execute("DELETE FROM request_month_tallies WHERE requesting_office_id = 0")
