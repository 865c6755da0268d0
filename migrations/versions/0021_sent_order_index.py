"""scale: the requests behind a figure in their list order, on PostgreSQL (issue 16)

Revision ID: i16_sent_order
Revises: i16_duration_figures
Create Date: 2026-12-03 15:50:00

The monitoring drill-down lists the requests newest sent first, the unsent last
(``sent_at DESC NULLS LAST, id DESC``). No index gave that order on PostgreSQL, so a page
scanned and sorted every sent request of the network: 64-67 ms at 100,000 requests against
10 ms on this index. SQLite cannot index NULLS LAST and needs none: there a DESC walk of
ix_requests_sent_at already yields that order (its NULLs sort first ascending).
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_sent_order"
down_revision = "i16_duration_figures"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_requests_sent_order",
            "requests",
            [sa.text("sent_at DESC NULLS LAST"), sa.text("id DESC")],
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_requests_sent_order", table_name="requests")
