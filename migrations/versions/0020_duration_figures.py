"""figures: each duration histogram's median and 90th percentile, kept beside it (issue 16)

Revision ID: i16_duration_figures
Revises: i16_late_tallies_by_country
Create Date: 2026-12-02 19:10:00

The monitoring page and ``GET /api/v1/stats/requests`` computed the percentiles of the
durations by country pair from the histogram (request_duration_tallies) on every read: a
window over every rounded duration of every pair, 16,437 rows at 100,000 requests against
1,042 at 1,000. request_duration_figures holds one row per histogram (milestone, country
pair, assistance type), recomputed from it whenever a flush changes it
(``casetrack.figures.percentiles``); filled here from the histogram.
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_duration_figures"
down_revision = "i16_late_tallies_by_country"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "request_duration_figures",
        sa.Column("assistance_type", sa.String(length=64), nullable=False),
        sa.Column("milestone", sa.String(length=16), nullable=False),
        sa.Column("from_country", sa.String(length=8), nullable=False),
        sa.Column("to_country", sa.String(length=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("median_hundredths", sa.Integer(), nullable=False),
        sa.Column("p90_hundredths", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "assistance_type",
            "milestone",
            "from_country",
            "to_country",
            name=op.f("pk_request_duration_figures"),
        ),
    )
    op.create_index(
        "ix_request_duration_figures_pair",
        "request_duration_figures",
        ["from_country", "to_country"],
    )
    from casetrack.figures import percentiles

    percentiles.refresh_all(op.get_bind())


def downgrade():
    op.drop_index("ix_request_duration_figures_pair", table_name="request_duration_figures")
    op.drop_table("request_duration_figures")
