"""treaty law: dated membership facts, declarations, replacement, requirement strength

Revision ID: i11_treaty_law
Revises: i14_money_trail
Create Date: 2026-12-01 20:50:00

After upgrading, ``flask --app app casetrack demo`` (idempotent) loads the new treaty facts.
"""

import sqlalchemy as sa
from alembic import op

revision = "i11_treaty_law"
down_revision = "i14_money_trail"
branch_labels = None
depends_on = None

OLD_CONDITIONS = ("always", "persons", "companies", "assets", "urgent")
NEW_CONDITIONS = (
    "always",
    "persons",
    "companies",
    "parties",
    "assets",
    "urgent",
    "not_service_only",
    "letters_rogatory",
    "service",
    "seek_confiscation",
    "enforce_order",
    "freeze_or_trace",
)
STRENGTHS = (
    "required",
    "where_possible",
    "to_the_extent_possible",
    "where_available",
    "where_relevant",
    "if_any",
    "if_caused",
    "advice",
)
FACT_KINDS = (
    "signature",
    "deposit",
    "entry_into_force",
    "in_force_confirmed",
    "act",
    "notification",
    "withdrawal",
    "suspension",
    "termination",
)
DECLARATION_KINDS = ("central_authority", "channel", "languages", "territorial", "other")
REQUEST_TEXTS = (
    "representatives",
    "service_address",
    "service_documents",
    "order_extent",
    "third_party_notice",
    "order_finality",
)


def _enum(values, name):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade():
    with op.batch_alter_table("treaties", schema=None) as batch_op:
        batch_op.add_column(sa.Column("short_en", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("short_ru", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("letters", sa.String(length=10), nullable=False, server_default="latin")
        )
        batch_op.add_column(
            sa.Column("has_content_rules", sa.Boolean(), nullable=False, server_default=sa.true())
        )

    with op.batch_alter_table("treaty_requirements", schema=None) as batch_op:
        batch_op.alter_column(
            "condition",
            existing_type=_enum(OLD_CONDITIONS, "requirementcondition"),
            type_=_enum(NEW_CONDITIONS, "requirementcondition"),
            existing_nullable=False,
        )
        batch_op.add_column(
            sa.Column(
                "strength",
                _enum(STRENGTHS, "requirementstrength"),
                nullable=False,
                server_default="required",
            )
        )
        batch_op.add_column(
            sa.Column("is_ours", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("requests", schema=None) as batch_op:
        for name in REQUEST_TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "treaty_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("treaty_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("kind", _enum(FACT_KINDS, "factkind"), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("act", sa.Text(), nullable=False),
        sa.Column("towards", sa.String(length=200), nullable=False),
        sa.Column("casetrack_ends_on", sa.Date(), nullable=True),
        sa.Column("source_document", sa.Text(), nullable=False),
        sa.Column("source_article", sa.String(length=80), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.code"],
            name=op.f("fk_treaty_facts_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["treaty_id"],
            ["treaties.id"],
            name=op.f("fk_treaty_facts_treaty_id_treaties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treaty_facts")),
    )
    with op.batch_alter_table("treaty_facts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_treaty_facts_treaty_id_country_code", ["treaty_id", "country_code"], unique=False
        )

    op.create_table(
        "treaty_declarations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("treaty_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("kind", _enum(DECLARATION_KINDS, "declarationkind"), nullable=False),
        sa.Column("article", sa.String(length=80), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_ru", sa.Text(), nullable=False),
        sa.Column("source_document", sa.Text(), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.code"],
            name=op.f("fk_treaty_declarations_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["treaty_id"],
            ["treaties.id"],
            name=op.f("fk_treaty_declarations_treaty_id_treaties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treaty_declarations")),
    )
    with op.batch_alter_table("treaty_declarations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_treaty_declarations_treaty_id"), ["treaty_id"], unique=False
        )

    op.create_table(
        "treaty_replacements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("treaty_id", sa.Integer(), nullable=False),
        sa.Column("replaced_id", sa.Integer(), nullable=False),
        sa.Column("article", sa.String(length=80), nullable=False),
        sa.Column("source_document", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["replaced_id"],
            ["treaties.id"],
            name=op.f("fk_treaty_replacements_replaced_id_treaties"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["treaty_id"],
            ["treaties.id"],
            name=op.f("fk_treaty_replacements_treaty_id_treaties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treaty_replacements")),
        sa.UniqueConstraint(
            "treaty_id", "replaced_id", name=op.f("uq_treaty_replacements_treaty_id_replaced_id")
        ),
    )


def downgrade():
    op.drop_table("treaty_replacements")
    with op.batch_alter_table("treaty_declarations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treaty_declarations_treaty_id"))
    op.drop_table("treaty_declarations")
    with op.batch_alter_table("treaty_facts", schema=None) as batch_op:
        batch_op.drop_index("ix_treaty_facts_treaty_id_country_code")
    op.drop_table("treaty_facts")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        for name in REQUEST_TEXTS:
            batch_op.drop_column(name)
    op.execute(
        "DELETE FROM treaty_requirements WHERE condition NOT IN ("
        + ", ".join(f"'{c}'" for c in OLD_CONDITIONS)
        + ")"
    )
    with op.batch_alter_table("treaty_requirements", schema=None) as batch_op:
        batch_op.drop_column("note")
        batch_op.drop_column("is_ours")
        batch_op.drop_column("strength")
        batch_op.alter_column(
            "condition",
            existing_type=_enum(NEW_CONDITIONS, "requirementcondition"),
            type_=_enum(OLD_CONDITIONS, "requirementcondition"),
            existing_nullable=False,
        )
    with op.batch_alter_table("treaties", schema=None) as batch_op:
        batch_op.drop_column("has_content_rules")
        batch_op.drop_column("letters")
        batch_op.drop_column("short_ru")
        batch_op.drop_column("short_en")
