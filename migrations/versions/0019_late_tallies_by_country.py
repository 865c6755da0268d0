"""figures: the late deadlines' tally keyed by country pair instead of office triple (issue 16)

Revision ID: i16_late_tallies_by_country
Revises: i16_late_tallies
Create Date: 2026-12-02 14:40:00

request_late_tallies (0018) held a row per office triple, day and type: about one row per
overdue request at 100,000 requests, so "days late" still read a number of rows that grew
with the network. Keyed by the two countries, as the durations' histogram is (the executing
office is always of the requested country), it reads a row per country pair and month; a
prosecutor's own-office figure is counted over the requests. Recreated and filled with the
statements of ``flask casetrack figures-rebuild``.
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_late_tallies_by_country"
down_revision = "i16_late_tallies"
branch_labels = None
depends_on = None


def _create(*keys):
    op.create_table(
        "request_late_tallies",
        *keys,
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*(key.name for key in keys), name=op.f("pk_request_late_tallies")),
    )


def upgrade():
    op.drop_table("request_late_tallies")
    _create(
        sa.Column("assistance_type", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("from_country", sa.String(length=8), nullable=False),
        sa.Column("to_country", sa.String(length=8), nullable=False),
    )
    from casetrack import figures
    from casetrack.models import RequestLateTally

    connection = op.get_bind()
    figures.insert_from(
        connection, RequestLateTally.__table__, figures.late_selects(connection.dialect.name)
    )


def downgrade():
    # The office triples cannot be told from the country pairs: the 0018 table comes back
    # empty (``flask casetrack figures-rebuild`` on that revision's code fills it).
    op.drop_table("request_late_tallies")
    _create(
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("requesting_office_id", sa.Integer(), nullable=False),
        sa.Column("requested_office_id", sa.Integer(), nullable=False),
        sa.Column("executing_office_id", sa.Integer(), nullable=False),
        sa.Column("assistance_type", sa.String(length=64), nullable=False),
    )
