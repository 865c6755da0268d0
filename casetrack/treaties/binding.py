"""Which instruments bind a pair of states on a date — the one answer drafting, completeness,
documents and the API all use.

A treaty binds a state on a date when an entry-into-force fact on or before that date exists
(or a status check confirmed it in force on or before it) and no withdrawal or termination has
taken effect. It binds a pair when it binds both, is not suspended by one towards the other,
and no instrument in force for both replaces it between them (Chisinau 2002 Art. 120(3)).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casetrack import clock
from casetrack.dates import long_date
from casetrack.models import (
    Country,
    FactKind,
    Request,
    Treaty,
    TreatyDeclaration,
    TreatyFact,
    TreatyReplacement,
)
from casetrack.treaties.citations import cite


def today() -> date:
    """The date "today" means for an answer given without one (casetrack's one clock)."""
    return clock.today()


class UnknownState(ValueError):
    """A country code the directory does not know."""


@dataclass
class Standing:
    """Where one state stands under one treaty on one date."""

    #: in_force · not_party · signed_only · deposited · not_yet · date_unknown · ended
    state: str
    day: date | None = None
    fact: TreatyFact | None = None


@dataclass
class Applicable:
    treaty: Treaty
    why_en: str
    why_ru: str

    def why(self, lang: str) -> str:
        return self.why_ru if lang == "ru" else self.why_en


@dataclass
class NotApplicable:
    treaty: Treaty
    #: not_party · signed_only · not_yet_in_force · date_not_recorded · withdrawn ·
    #: suspended · replaced
    code: str
    reason_en: str
    reason_ru: str

    def reason(self, lang: str) -> str:
        return self.reason_ru if lang == "ru" else self.reason_en


@dataclass
class Answer:
    """The instruments that bind ``states`` on ``on``, and why each other one does not."""

    states: tuple[str, str]
    on: date
    items: list[Applicable] = field(default_factory=list)
    not_applicable: list[NotApplicable] = field(default_factory=list)

    @property
    def binding_ids(self) -> set[int]:
        return {item.treaty.id for item in self.items}

    def refusal(self, treaty_id: int) -> NotApplicable | None:
        """Why ``treaty_id`` does not bind, or None when it does."""
        return next((n for n in self.not_applicable if n.treaty.id == treaty_id), None)


def _standing(facts: list[TreatyFact], on: date) -> Standing:
    if not facts:
        return Standing("not_party")
    for fact in facts:
        if fact.kind in (FactKind.WITHDRAWAL, FactKind.TERMINATION):
            ends = fact.effective_on or fact.casetrack_ends_on
            if ends is not None and ends <= on:
                return Standing("ended", ends, fact)
    entry = next((f for f in facts if f.kind == FactKind.ENTRY_INTO_FORCE), None)
    if entry is not None and entry.on is not None:
        if entry.on <= on:
            return Standing("in_force", entry.on, entry)
        return Standing("not_yet", entry.on, entry)
    confirmed = next((f for f in facts if f.kind == FactKind.IN_FORCE_CONFIRMED), None)
    if confirmed is not None:
        if confirmed.on <= on:
            return Standing("in_force", confirmed.on, confirmed)
        return Standing("date_unknown", confirmed.on, confirmed)
    deposit = next((f for f in facts if f.kind == FactKind.DEPOSIT), None)
    if deposit is not None:
        return Standing("deposited", deposit.on, deposit)
    signature = next((f for f in facts if f.kind == FactKind.SIGNATURE), None)
    if signature is not None:
        return Standing("signed_only", signature.on, signature)
    return Standing("not_party")


def _since(standing: Standing, name_en: str, name_ru: str) -> tuple[str, str]:
    if standing.fact is not None and standing.fact.kind == FactKind.IN_FORCE_CONFIRMED:
        return (
            f"{name_en} (confirmed in force on {long_date(standing.day, 'en')}; date of "
            "entry into force not recorded)",
            f"{name_ru} (действие подтверждено на {long_date(standing.day, 'ru')}; дата "
            "вступления в силу не записана)",
        )
    return (
        f"{name_en} since {long_date(standing.day, 'en')}",
        f"{name_ru} — с {long_date(standing.day, 'ru')}",
    )


def _refusal(treaty: Treaty, standing: Standing, names: tuple[str, str], on: date):
    name_en, name_ru = names
    on_en, on_ru = long_date(on, "en"), long_date(on, "ru")
    day_en = long_date(standing.day, "en") if standing.day else ""
    day_ru = long_date(standing.day, "ru") if standing.day else ""
    fact = standing.fact
    if standing.state == "not_party":
        return NotApplicable(
            treaty,
            "not_party",
            f"{name_en} is not a party",
            f"{name_ru} не является участником",
        )
    if standing.state == "signed_only":
        return NotApplicable(
            treaty,
            "signed_only",
            f"{name_en} signed it on {day_en}, but it is not in force for {name_en}",
            f"{name_ru} подписал(а) его {day_ru}, но для этого государства он не вступил в силу",
        )
    if standing.state == "deposited":
        return NotApplicable(
            treaty,
            "date_not_recorded",
            f"{name_en} deposited its instrument on {day_en}; the date of entry into force is "
            "not recorded",
            f"{name_ru} сдал(а) документ на хранение {day_ru}; дата вступления в силу не записана",
        )
    if standing.state == "not_yet":
        return NotApplicable(
            treaty,
            "not_yet_in_force",
            f"not yet in force for {name_en} on {on_en}: in force from {day_en}",
            f"на {on_ru} не вступил в силу для государства {name_ru}: действует с {day_ru}",
        )
    if standing.state == "date_unknown":
        return NotApplicable(
            treaty,
            "date_not_recorded",
            f"in force for {name_en}, but the date it entered into force is not recorded "
            f"(confirmed in force on {day_en}, after {on_en})",
            f"действует для государства {name_ru}, но дата вступления в силу не записана "
            f"(подтверждено действие на {day_ru}, позже {on_ru})",
        )
    # ended
    if fact.effective_on is not None:
        return NotApplicable(
            treaty,
            "withdrawn",
            f"{name_en} withdrew ({fact.act}); the withdrawal took effect on {day_en}",
            f"{name_ru} вышел(а) из него ({fact.act}); выход вступил в силу {day_ru}",
        )
    return NotApplicable(
        treaty,
        "withdrawn",
        f"{name_en} withdrew ({fact.act}); the date the withdrawal took effect is not "
        f"recorded. casetrack's rule: not proposed from {day_en}, the date of the law, as the "
        "state's legal database marks it no longer in force",
        f"{name_ru} вышел(а) из него ({fact.act}); дата вступления выхода в силу не записана. "
        f"Правило casetrack: не предлагается с {day_ru} (дата закона), так как правовая база "
        "этого государства отмечает договор как утративший силу",
    )


def _country_names(session: Session, codes) -> dict[str, tuple[str, str]]:
    rows = session.scalars(select(Country).where(Country.code.in_(list(codes))))
    return {c.code: (c.name_en, c.name_ru) for c in rows}


def check_states(session: Session, *codes: str) -> tuple[str, ...]:
    """Upper-case the codes and make sure the directory knows each, else UnknownState."""
    wanted = tuple(c.strip().upper() for c in codes)
    known = _country_names(session, wanted)
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise UnknownState(", ".join(unknown))
    return wanted


def between(session: Session, first: str, second: str, on: date) -> Answer:
    """Say which treaties bind ``first`` and ``second`` on ``on``, and why the others do not."""
    a, b = first.upper(), second.upper()
    names = _country_names(session, {a, b})
    treaties = list(
        session.scalars(
            select(Treaty).options(selectinload(Treaty.requirements)).order_by(Treaty.code)
        )
    )
    facts: dict[tuple[int, str], list[TreatyFact]] = defaultdict(list)
    for fact in session.scalars(
        select(TreatyFact)
        .where(TreatyFact.country_code.in_([a, b]))
        .order_by(TreatyFact.on, TreatyFact.id)
    ):
        facts[(fact.treaty_id, fact.country_code)].append(fact)
    replacements = list(session.scalars(select(TreatyReplacement)))
    answer = Answer((a, b), on)
    candidates: dict[int, Applicable] = {}
    for treaty in treaties:
        standings = {code: _standing(facts[(treaty.id, code)], on) for code in (a, b)}
        refused = next(
            (
                _refusal(treaty, standings[code], names.get(code, (code, code)), on)
                for code in (a, b)
                if standings[code].state != "in_force"
            ),
            None,
        )
        if refused is None:
            refused = _suspension(treaty, facts, a, b, names, on)
        if refused is not None:
            answer.not_applicable.append(refused)
            continue
        first_en, first_ru = _since(standings[a], *names.get(a, (a, a)))
        second_en, second_ru = _since(standings[b], *names.get(b, (b, b)))
        candidates[treaty.id] = Applicable(
            treaty,
            f"in force for both: {first_en}; {second_en}",
            f"действует для обоих государств: {first_ru}; {second_ru}",
        )
    for treaty in treaties:
        if treaty.id not in candidates:
            continue
        replacement = next(
            (r for r in replacements if r.replaced_id == treaty.id and r.treaty_id in candidates),
            None,
        )
        if replacement is None:
            answer.items.append(candidates[treaty.id])
            continue
        newer = next(t for t in treaties if t.id == replacement.treaty_id)
        where = cite(replacement.article, newer.short_en, newer.short_ru, newer.letters, "en")
        where_ru = cite(replacement.article, newer.short_en, newer.short_ru, newer.letters, "ru")
        answer.not_applicable.append(
            NotApplicable(
                treaty,
                "replaced",
                f"replaced by {newer.short_en} between these states ({where})",
                f"между этими государствами заменяется положениями {newer.short_ru} ({where_ru})",
            )
        )
    return answer


def _suspension(treaty, facts, a, b, names, on) -> NotApplicable | None:
    for one, other in ((a, b), (b, a)):
        for fact in facts[(treaty.id, one)]:
            if fact.kind != FactKind.SUSPENSION:
                continue
            towards = {c.strip() for c in fact.towards.split(",")}
            start = fact.effective_on or fact.on
            if other in towards and start is not None and start <= on:
                name_en, name_ru = names.get(one, (one, one))
                other_en, other_ru = names.get(other, (other, other))
                return NotApplicable(
                    treaty,
                    "suspended",
                    f"{name_en} suspended it towards {other_en} ({fact.act})",
                    f"{name_ru} приостановил(а) его действие в отношении {other_ru} ({fact.act})",
                )
    return None


def request_date(request: Request) -> date:
    """The date a request is judged on: its sending date, or its creation date while unsent."""
    if request.sent_at is not None:
        return request.sent_at.date()
    if request.created_at is not None:
        return request.created_at.date()
    return today()


def for_request(session: Session, request: Request) -> Answer:
    """Which treaties bind the request's two states on the request's date."""
    return between(
        session,
        request.requesting_office.country_code,
        request.requested_office.country_code,
        request_date(request),
    )


def declarations(session: Session, country: str, treaty_ids) -> list[TreatyDeclaration]:
    """The declarations ``country`` made under the given treaties."""
    ids = list(treaty_ids)
    if not ids:
        return []
    return list(
        session.scalars(
            select(TreatyDeclaration)
            .where(
                TreatyDeclaration.country_code == country,
                TreatyDeclaration.treaty_id.in_(ids),
            )
            .order_by(TreatyDeclaration.treaty_id, TreatyDeclaration.id)
        )
    )


def accepted_languages(session: Session, country: str, treaties) -> list[dict]:
    """Per treaty: the languages ``country`` accepts under it, or None when none is declared."""
    treaties = list(treaties)
    found = defaultdict(list)
    for declaration in declarations(session, country, [t.id for t in treaties]):
        if declaration.languages:
            found[declaration.treaty_id].append(declaration)
    return [
        {
            "treaty": treaty,
            "languages": sorted({code for d in found[treaty.id] for code in d.languages})
            if found[treaty.id]
            else None,
            "declarations": found[treaty.id],
        }
        for treaty in treaties
    ]
