"""figures: the late deadlines' tally keeps the whole network's rows ("*" to "*") (issue 16)

Revision ID: i16_late_network
Revises: i16_token_office
Create Date: 2026-12-03 16:30:00

The network's ageing of late requests summed every country pair's rows: 10,668 rows for
212 groups at 100,000 requests (8.9 ms on PostgreSQL), against a few hundred at 1,000. The
tally now keeps each (assistance type, month, day) once more for the whole network, with
"*" for both countries, as request_duration_tallies already does by type; filled here from
the pairs' rows. And an index by pair, then day, then month: on the primary key every
pair's rows lie between one month's and the next, so the network's 216 rows took a walk of
every month's entries (3.5 of 4.1 ms).
"""

from alembic import op

revision = "i16_late_network"
down_revision = "i16_token_office"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "INSERT INTO request_late_tallies "
        "(assistance_type, month, day, from_country, to_country, count) "
        "SELECT assistance_type, month, day, '*', '*', SUM(count) FROM request_late_tallies "
        "WHERE from_country <> '*' GROUP BY assistance_type, month, day"
    )
    op.create_index(
        "ix_request_late_tallies_pair_day_month",
        "request_late_tallies",
        ["assistance_type", "from_country", "to_country", "day", "month"],
    )


def downgrade():
    op.drop_index("ix_request_late_tallies_pair_day_month", table_name="request_late_tallies")
    op.execute("DELETE FROM request_late_tallies WHERE from_country = '*'")
