"""figures: open requests by their earliest owed late due date, kept as a tally (issue 16)

Revision ID: i16_late_tallies
Revises: i16_owed_deadlines
Create Date: 2026-12-02 14:15:00

"Overdue requests by days late" read every owed late deadline of the network on each view
(a number that grows with the years kept); it now sums the rows of request_late_tallies
(casetrack.figures.lateness keeps them in the flush hooks), filled by 0019 (which keys it by
country pair) with the statements of ``flask casetrack figures-rebuild``.
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_late_tallies"
down_revision = "i16_owed_deadlines"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "request_late_tallies",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("requesting_office_id", sa.Integer(), nullable=False),
        sa.Column("requested_office_id", sa.Integer(), nullable=False),
        sa.Column("executing_office_id", sa.Integer(), nullable=False),
        sa.Column("assistance_type", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month",
            "day",
            "requesting_office_id",
            "requested_office_id",
            "executing_office_id",
            "assistance_type",
            name=op.f("pk_request_late_tallies"),
        ),
    )
    # Filled by 0019, which keys the table by country pair (figures.late_selects builds the
    # rows of that revision's table, not of this one's).


def downgrade():
    op.drop_table("request_late_tallies")
