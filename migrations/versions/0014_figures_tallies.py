"""figures: tallies of the requests kept up to date, back-filled from the requests (issue 16)

Revision ID: i16_figures_tallies
Revises: i16_case_leads
Create Date: 2026-12-02 04:30:00

The network figures (the monitoring page, GET /api/v1/stats/requests) read counts kept up
to date as requests change (casetrack.figures) instead of grouping every request on every
page view. The tallies are filled here with one INSERT … SELECT … GROUP BY per table, built
by casetrack.figures (the same statements as ``flask casetrack figures-rebuild``).
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_figures_tallies"
down_revision = "i16_case_leads"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "request_tallies",
        sa.Column("requesting_office_id", sa.Integer(), nullable=False),
        sa.Column("requested_office_id", sa.Integer(), nullable=False),
        sa.Column("executing_office_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("refusal_ground", sa.String(length=64), nullable=False),
        sa.Column("assistance_type", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "requesting_office_id",
            "requested_office_id",
            "executing_office_id",
            "status",
            "refusal_ground",
            "assistance_type",
            name=op.f("pk_request_tallies"),
        ),
    )
    op.create_table(
        "request_month_tallies",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("requesting_office_id", sa.Integer(), nullable=False),
        sa.Column("requested_office_id", sa.Integer(), nullable=False),
        sa.Column("executing_office_id", sa.Integer(), nullable=False),
        sa.Column("is_sent", sa.Boolean(), nullable=False),
        sa.Column("assistance_type", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month",
            "event",
            "requesting_office_id",
            "requested_office_id",
            "executing_office_id",
            "is_sent",
            "assistance_type",
            name=op.f("pk_request_month_tallies"),
        ),
    )
    op.create_table(
        "request_duration_tallies",
        sa.Column("milestone", sa.String(length=16), nullable=False),
        sa.Column("from_country", sa.String(length=8), nullable=False),
        sa.Column("to_country", sa.String(length=8), nullable=False),
        sa.Column("assistance_type", sa.String(length=64), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "milestone",
            "from_country",
            "to_country",
            "assistance_type",
            "hours",
            name=op.f("pk_request_duration_tallies"),
        ),
    )
    op.create_index(
        "ix_request_duration_tallies_type",
        "request_duration_tallies",
        ["assistance_type", "milestone", "from_country", "to_country", "hours", "count"],
        unique=False,
    )
    _backfill()


def _backfill():
    # The statements as of this revision (casetrack.figures builds them from the models).
    from casetrack import figures
    from casetrack.models import RequestDurationTally, RequestMonthTally, RequestTally

    connection = op.get_bind()
    dialect = connection.dialect.name
    figures.insert_from(connection, RequestTally.__table__, figures.count_selects(dialect))
    figures.insert_from(connection, RequestMonthTally.__table__, figures.month_selects(dialect))
    for milestone in ("acknowledged", "executed"):
        figures.insert_from(
            connection,
            RequestDurationTally.__table__,
            figures.duration_selects(dialect, milestone),
        )


def downgrade():
    op.drop_index("ix_request_duration_tallies_type", table_name="request_duration_tallies")
    op.drop_table("request_duration_tallies")
    op.drop_table("request_month_tallies")
    op.drop_table("request_tallies")
