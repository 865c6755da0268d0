"""scale: the deadlines lists walk the owed deadlines only, in their order (issue 16)

Revision ID: i16_owed_deadlines
Revises: i16_hits_recipient_unseen
Create Date: 2026-12-02 14:20:00

The lists show the deadlines still owed by default, earliest first, and stop when the page
(or the count's cap) is full. Walking ``ix_deadlines_due_on_id`` they passed every met and
cancelled deadline of the years before the first owed one; this partial index holds the owed
ones only, in the same order (the condition is written with literals by
casetrack.deadlines.state.owed, so that both databases see that it applies).
"""

import sqlalchemy as sa
from alembic import op

revision = "i16_owed_deadlines"
down_revision = "i16_hits_recipient_unseen"
branch_labels = None
depends_on = None

OWED_WHERE = "state IN ('open', 'missed')"


def upgrade():
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deadlines_owed_due_on_id",
            ["due_on", "id"],
            unique=False,
            postgresql_where=sa.text(OWED_WHERE),
            sqlite_where=sa.text(OWED_WHERE),
        )


def downgrade():
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_index("ix_deadlines_owed_due_on_id")
