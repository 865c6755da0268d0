"""Write the treaty law of ``casetrack.treaties.data`` into the database, idempotently.

Treaties are matched by code and updated in place (requests keep pointing at them); facts,
declarations and replacements are rewritten only where they differ from the data.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casetrack.models import (
    DeclarationKind,
    FactKind,
    RequirementCondition,
    RequirementStrength,
    Treaty,
    TreatyDeclaration,
    TreatyFact,
    TreatyParty,
    TreatyReplacement,
    TreatyRequirement,
)
from casetrack.treaties import data

_TREATY_FIELDS = (
    "title_en",
    "title_ru",
    "short_en",
    "short_ru",
    "letters",
    "is_multilateral",
    "has_content_rules",
    "default_response_days",
    "default_days_are_business",
)
_FACT_FIELDS = (
    "country_code",
    "kind",
    "on",
    "effective_on",
    "act",
    "towards",
    "casetrack_ends_on",
    "source_document",
    "source_article",
    "source_date",
    "note",
)
_DECLARATION_FIELDS = (
    "country_code",
    "kind",
    "article",
    "languages",
    "text_en",
    "text_ru",
    "source_document",
    "source_date",
)


def _fact_rows(code: str) -> list[dict]:
    rows = []
    for country, facts in sorted(data.MEMBERSHIP.get(code, {}).items()):
        for fact in facts:
            rows.append(
                {
                    "country_code": country,
                    "kind": FactKind(fact["kind"]),
                    **{k: fact[k] for k in _FACT_FIELDS if k not in ("country_code", "kind")},
                }
            )
    return rows


def _declaration_rows(code: str) -> list[dict]:
    return [
        {
            "country_code": d["country"],
            "kind": DeclarationKind(d["kind"]),
            "article": d["article"],
            "languages": list(d["languages"]),
            "text_en": d["text_en"],
            "text_ru": d["text_ru"],
            "source_document": d["source_document"],
            "source_date": d.get("source_date"),
        }
        for d in data.DECLARATIONS
        if d["treaty"] == code
    ]


def _same(objects, rows, fields) -> bool:
    have = sorted(tuple(repr(getattr(o, f)) for f in fields) for o in objects)
    want = sorted(tuple(repr(row[f]) for f in fields) for row in rows)
    return have == want


def _sync_requirements(treaty: Treaty, rows: list[dict], source: str) -> None:
    existing = {r.item: r for r in treaty.requirements}
    wanted = {row["item"] for row in rows}
    for requirement in list(treaty.requirements):
        if requirement.item not in wanted:
            treaty.requirements.remove(requirement)
    for row in rows:
        values = {
            "article": row["article"],
            "condition": RequirementCondition(row["condition"]),
            "strength": RequirementStrength(row["strength"]),
            "label_en": row["label_en"],
            "label_ru": row["label_ru"],
            "is_ours": row["is_ours"],
            "note": "; ".join(part for part in (row["note"], source) if part),
        }
        if row["item"] in existing:
            for key, value in values.items():
                if getattr(existing[row["item"]], key) != value:
                    setattr(existing[row["item"]], key, value)
        else:
            treaty.requirements.append(TreatyRequirement(item=row["item"], **values))


def _entry_into_force(code: str, country: str):
    for fact in data.MEMBERSHIP.get(code, {}).get(country, []):
        if fact["kind"] == "entry_into_force":
            return fact["on"]
    return None


def sync(session: Session) -> int:
    """Bring the treaty tables in line with the data; return how many treaties were added."""
    added = 0
    treaties = {
        t.code: t
        for t in session.scalars(
            select(Treaty).options(selectinload(Treaty.requirements), selectinload(Treaty.parties))
        )
    }
    for row in data.TREATIES:
        treaty = treaties.get(row["code"])
        if treaty is None:
            treaty = Treaty(code=row["code"])
            session.add(treaty)
            treaties[row["code"]] = treaty
            added += 1
        for name in _TREATY_FIELDS:
            if getattr(treaty, name, None) != row[name]:
                setattr(treaty, name, row[name])
        _sync_requirements(treaty, row["requirements"], row["requirements_source"])
        members = data.MEMBERSHIP.get(row["code"], {})
        parties = {p.country_code: p for p in treaty.parties}
        for country, party in parties.items():
            if country not in members:
                treaty.parties.remove(party)
        for country in members:
            in_force_on = _entry_into_force(row["code"], country)
            if country in parties:
                if parties[country].in_force_on != in_force_on:
                    parties[country].in_force_on = in_force_on
            else:
                treaty.parties.append(TreatyParty(country_code=country, in_force_on=in_force_on))
    session.flush()
    for row in data.TREATIES:
        treaty = treaties[row["code"]]
        facts = list(session.scalars(select(TreatyFact).where(TreatyFact.treaty_id == treaty.id)))
        wanted = _fact_rows(row["code"])
        if not _same(facts, wanted, _FACT_FIELDS):
            for fact in facts:
                session.delete(fact)
            session.flush()
            session.add_all(TreatyFact(treaty_id=treaty.id, **fact) for fact in wanted)
        declarations = list(
            session.scalars(
                select(TreatyDeclaration).where(TreatyDeclaration.treaty_id == treaty.id)
            )
        )
        wanted = _declaration_rows(row["code"])
        if not _same(declarations, wanted, _DECLARATION_FIELDS):
            for declaration in declarations:
                session.delete(declaration)
            session.flush()
            session.add_all(TreatyDeclaration(treaty_id=treaty.id, **d) for d in wanted)
    replacements = list(session.scalars(select(TreatyReplacement)))
    wanted = [
        {
            "treaty_id": treaties[r["treaty"]].id,
            "replaced_id": treaties[r["replaces"]].id,
            "article": r["article"],
            "source_document": r["source_document"],
            "note": r["note"],
        }
        for r in data.REPLACEMENTS
    ]
    fields = ("treaty_id", "replaced_id", "article", "source_document", "note")
    if not _same(replacements, wanted, fields):
        for replacement in replacements:
            session.delete(replacement)
        session.flush()
        session.add_all(TreatyReplacement(**r) for r in wanted)
    session.flush()
    return added
