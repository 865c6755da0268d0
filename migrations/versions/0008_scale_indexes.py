"""scale: an index per list filter and sort, the dashboard hits, network figures; job output files (issue 16)

Revision ID: i16_scale_indexes
Revises: i12_attachments
Create Date: 2026-12-01 21:07:26.032842

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i16_scale_indexes'
down_revision = 'i12_attachments'
branch_labels = None
depends_on = None


def upgrade():
    # A job's output file (batch printing), kept for the user who asked for it.
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('output', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('output_name', sa.String(length=255), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('output_type', sa.String(length=100), nullable=False, server_default=''))
    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.create_index('ix_assets_office_id_id', ['office_id', 'id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_office_id_opened_on', ['office_id', 'opened_on', 'id'], unique=False)

    with op.batch_alter_table('cross_border_hits', schema=None) as batch_op:
        batch_op.create_index('ix_cross_border_hits_office_a_id_seen_a_at', ['office_a_id', 'seen_a_at'], unique=False)
        batch_op.create_index('ix_cross_border_hits_office_b_id_seen_b_at', ['office_b_id', 'seen_b_at'], unique=False)

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.create_index('ix_deadlines_request_id_state_due_on', ['request_id', 'state', 'due_on'], unique=False)

    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.create_index('ix_parties_office_id_display_name', ['office_id', 'display_name', 'id'], unique=False)

    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index('ix_requests_requested_office_id_sent_at', ['requested_office_id', 'sent_at'], unique=False)
        batch_op.create_index('ix_requests_requested_office_id_year_seq', ['requested_office_id', 'year', 'seq'], unique=False)
        batch_op.create_index('ix_requests_requesting_office_id_sent_at', ['requesting_office_id', 'sent_at'], unique=False)
        batch_op.create_index('ix_requests_sent_at', ['sent_at'], unique=False)

    # ### end Alembic commands ###


def downgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_column('output_type')
        batch_op.drop_column('output_name')
        batch_op.drop_column('output')
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_sent_at')
        batch_op.drop_index('ix_requests_requesting_office_id_sent_at')
        batch_op.drop_index('ix_requests_requested_office_id_year_seq')
        batch_op.drop_index('ix_requests_requested_office_id_sent_at')

    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_index('ix_parties_office_id_display_name')

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_index('ix_deadlines_request_id_state_due_on')

    with op.batch_alter_table('cross_border_hits', schema=None) as batch_op:
        batch_op.drop_index('ix_cross_border_hits_office_b_id_seen_b_at')
        batch_op.drop_index('ix_cross_border_hits_office_a_id_seen_a_at')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_office_id_opened_on')

    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.drop_index('ix_assets_office_id_id')

    # ### end Alembic commands ###
