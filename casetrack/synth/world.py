"""What a synthetic run builds on: its sizes, the offices, treaties and users already there, and
the people recorded again across offices.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import names
from casetrack.models import (
    Office,
    Role,
    Treaty,
    TreatyParty,
    User,
)
from casetrack.synth.people import (
    _COMPANY_TAILS,
    _COMPANY_WORDS,
    _FATHERS,
    _FEMALE,
    _FORMS,
    _GEORGIAN,
    _IBAN_LENGTH,
    _MALE,
    _SURNAMES,
    female,
    iban,
    latin_variant,
    patronymic,
    surname_of,
)
from casetrack.synth.rows import _insert

#: Cases written per transaction.
BATCH_CASES = 500


#: Requests per case on average (1–4), so that --cases 50000 gives about 100,000 requests.
REQUESTS_PER_CASE = (1, 1, 2, 2, 2, 3, 3)


YEARS_BACK = 8


REFERENCE_PREFIX = "SYN"


class SynthError(Exception):
    """Bad input or a database the generator must not write to; nothing was written."""


@dataclass
class Identity:
    """A real person behind one or more party records in different offices."""

    surname: str
    given: str
    father: str
    is_female: bool
    birth_date: date
    nationality: str
    passport: str


@dataclass
class World:
    """What every batch draws from: offices, users, treaties, the people of the region."""

    today: date
    offices: list[dict]
    member_offices: list[dict]
    users_by_office: dict[int, list[int]]
    ca_users: dict[str, list[int]]
    treaties_by_pair: dict[tuple[str, str], list[int]]
    identities: list[Identity] = field(default_factory=list)
    companies: list[tuple[str, str, str, str]] = field(default_factory=list)
    shared_ibans: list[str] = field(default_factory=list)


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(8 + rng.randrange(10), rng.randrange(60)), tzinfo=UTC)


def _identities(rng: random.Random, count: int, today: date) -> list[Identity]:
    countries = list(_SURNAMES)
    found = []
    for index in range(count):
        country = rng.choice(countries)
        is_female = rng.random() < 0.3
        surname = surname_of(rng, country)
        found.append(
            Identity(
                surname=female(surname) if is_female else surname,
                given=rng.choice(_FEMALE if is_female else _MALE),
                father=rng.choice(_FATHERS),
                is_female=is_female,
                birth_date=today - timedelta(days=rng.randrange(20 * 365, 70 * 365)),
                nationality=country,
                passport=f"N{index:08d}",
            )
        )
    return found


def _companies(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    countries = list(_FORMS)
    found = []
    for index in range(count):
        country = rng.choice(countries)
        word, tail = rng.choice(_COMPANY_WORDS), rng.choice(_COMPANY_TAILS)
        local, latin_form = _FORMS[country]
        cyrillic = f"{local} «{word} {tail} {index % 97 + 1}»"
        latin = f"{names.transliterate(word)} {names.transliterate(tail)} {index % 97 + 1} "
        latin += latin_form
        registration = f"{rng.randrange(10**11, 10**12)}"
        found.append((cyrillic, latin, registration, country))
    return found


def load_world(session: Session, seed: int, cases: int, today: date) -> World:
    """Read the offices, users and treaties and draw the region's people for this run."""
    offices = [
        {"id": o.id, "code": o.code, "country": o.country_code, "kind": o.kind.value,
         "is_member": o.is_member}
        for o in session.scalars(select(Office).order_by(Office.id))
    ]  # fmt: skip
    if not offices:
        raise SynthError("no offices: run `flask --app app casetrack demo` first")
    members = [o for o in offices if o.get("is_member")]
    users: dict[int, list[int]] = {}
    for user_id, office_id, role in session.execute(
        select(User.id, User.office_id, User.role).where(User.is_active.is_(True))
    ):
        if role in (Role.PROSECUTOR, Role.CENTRAL_AUTHORITY):
            users.setdefault(office_id, []).append(user_id)
    ca_users: dict[str, list[int]] = {}
    for user_id, country in session.execute(
        select(User.id, Office.country_code)
        .join(Office, Office.id == User.office_id)
        .where(User.role == Role.CENTRAL_AUTHORITY)
    ):
        ca_users.setdefault(country, []).append(user_id)
    parties_of: dict[int, set[str]] = {}
    for treaty_id, country in session.execute(
        select(TreatyParty.treaty_id, TreatyParty.country_code)
    ):
        parties_of.setdefault(treaty_id, set()).add(country)
    pairs: dict[tuple[str, str], list[int]] = {}
    codes = {o["country"] for o in offices}
    for treaty_id in session.scalars(select(Treaty.id).order_by(Treaty.id)):
        for a in codes:
            for b in codes:
                if a != b and {a, b} <= parties_of.get(treaty_id, set()):
                    pairs.setdefault((a, b), []).append(treaty_id)
    rng = random.Random(seed)
    return World(
        today=today,
        offices=offices,
        member_offices=members,
        users_by_office=users,
        ca_users=ca_users,
        treaties_by_pair=pairs,
        identities=_identities(rng, max(20, int(cases * 1.6)), today),
        companies=_companies(rng, max(5, cases // 4)),
        shared_ibans=[
            iban(rng, rng.choice(list(_IBAN_LENGTH))) for _ in range(max(5, cases // 20))
        ],
    )


def ensure_users(session: Session, world: World) -> int:
    """Give every member office prosecutors and a central-authority officer (bulk, audited)."""
    from casetrack.auth.services import hash_password

    unusable = hash_password(random.SystemRandom().randbytes(24).hex())
    rows = []
    for office in world.member_offices:
        if len(world.users_by_office.get(office["id"], [])) >= 3:
            continue
        for index in range(4):
            role = Role.CENTRAL_AUTHORITY if index == 0 else Role.PROSECUTOR
            rows.append(
                {
                    "email": f"synth.{office['code'].lower()}.{index}@synth.example",
                    "name": f"Synthetic {role.value.replace('_', ' ')} {index} {office['code']}",
                    "office_id": office["id"],
                    "role": role,
                    "language": "ru" if index % 2 else "en",
                    # Nobody signs in as a synthetic user: the hash is of a discarded secret.
                    "password_hash": unusable,
                    "is_active": True,
                }
            )
    if not rows:
        return 0
    ids = _insert(session, User, rows)
    for row, user_id in zip(rows, ids, strict=True):
        world.users_by_office.setdefault(row["office_id"], []).append(user_id)
        if row["role"] == Role.CENTRAL_AUTHORITY:
            country = next(o["country"] for o in world.offices if o["id"] == row["office_id"])
            world.ca_users.setdefault(country, []).append(user_id)
    return len(rows)


def _person_names(rng: random.Random, person: Identity, office_country: str) -> list[dict]:
    pat = patronymic(person.father, person.is_female)
    cyrillic = {
        "surname": person.surname, "given_name": person.given, "patronymic": pat,
    }  # fmt: skip
    latin = {
        "surname": latin_variant(rng, person.surname),
        "given_name": latin_variant(rng, person.given),
        "patronymic": latin_variant(rng, pat) if rng.random() < 0.7 else "",
    }
    spellings = [cyrillic, latin] if rng.random() < 0.6 else [latin, cyrillic]
    if office_country == "GE" and rng.random() < 0.5:
        spellings.append(
            {
                "surname": person.surname.lower().translate(_GEORGIAN),
                "given_name": person.given.lower().translate(_GEORGIAN),
                "patronymic": "",
            }
        )
    return spellings
