"""scale: whether a user leads a case of an office, in one probe (issue 16)

Revision ID: i16_case_leads
Revises: i16_hits_order
Create Date: 2026-12-02 05:05:00

The case list's filter of lead prosecutors asks, per user, whether the user leads a case
the reader sees (cases.services.visible_leads). On the lead's own index that walked every
case a user leads in other offices; (lead, office) answers it at once, and replaces the
lead's index, its prefix.
"""

from alembic import op

revision = "i16_case_leads"
down_revision = "i16_hits_order"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_lead_prosecutor_id")
        batch_op.create_index(
            "ix_cases_lead_prosecutor_id_office_id",
            ["lead_prosecutor_id", "office_id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_lead_prosecutor_id_office_id")
        batch_op.create_index("ix_cases_lead_prosecutor_id", ["lead_prosecutor_id"], unique=False)
