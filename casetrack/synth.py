"""Synthetic network for benchmarks: ``flask --app app casetrack synth --cases N [--seed S]``.

Builds a realistic region in bulk: people written in Cyrillic and in the Latin spellings the
region's passports and registries produce (Aliyev / Aliev / Alijev, Xo'jayev / Khodjaev), the
same people recorded again by offices of other countries (so that matching finds work),
companies with registry numbers, assets with valid identifiers (IBANs with their check digits,
VINs with theirs, cadastral numbers), requests in every status with the history that led there
and their deadlines, dates spread over eight years.

The bulk path writes with Core ``INSERT … RETURNING`` in batches and switches the per-row hooks
off: no link matching before each commit (``LINKS_AUTO_REFRESH``), no audit event built per
ORM flush. Their work is done in bulk instead: every row written gets its audit ``create``
event, sealed into the hash chain batch by batch (``audit.append_events``), and the links are
matched once at the end (``links.bulk.refresh_all``).

Each batch of cases is one transaction and advances a ``jobs`` record (kind ``synth``), so an
interrupted run leaves whole batches only and ``--resume`` continues where it stopped;
generation is seeded per batch, so a resumed run writes what an uninterrupted one would have.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from casetrack import audit, db_bulk, figures, names
from casetrack.models import (
    Asset,
    AssetOwner,
    AssetStatusChange,
    Case,
    CaseParty,
    Deadline,
    IdentityDocument,
    Job,
    JobStatus,
    Office,
    Party,
    PartyName,
    PartyNameToken,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    RequestSequence,
    Role,
    StatusChange,
    Treaty,
    TreatyParty,
    User,
)

KIND = "casetrack.synth:run"
#: Cases written per transaction.
BATCH_CASES = 500
#: Requests per case on average (1–4), so that --cases 50000 gives about 100,000 requests.
REQUESTS_PER_CASE = (1, 1, 2, 2, 2, 3, 3)
YEARS_BACK = 8
REFERENCE_PREFIX = "SYN"


class SynthError(Exception):
    """Bad input or a database the generator must not write to; nothing was written."""


def parse_seed(value: str | int | None) -> int:
    """Accept a seed as a non-negative decimal integer (at most 18 digits)."""
    if value is None:
        return 1
    text = str(value).strip()
    if not text.isdigit() or len(text) > 18:
        raise SynthError(f"the seed must be a non-negative whole number, not {value!r}")
    return int(text)


# --- names of the region ------------------------------------------------------------------

#: (Cyrillic surname (male), given names (male), given names (female), country)
_SURNAMES = {
    "KZ": ["Ахметов", "Абенов", "Жумабаев", "Сейткали", "Нурланов", "Касымов", "Бекмуханов",
           "Тулегенов", "Омаров", "Жаксылыков", "Искаков", "Мухамедиев", "Сарсенбаев"],
    "UZ": ["Ходжаев", "Юсупов", "Каримов", "Рахимов", "Усманов", "Турсунов", "Мирзаев",
           "Исмоилов", "Эргашев", "Холматов", "Шукуров", "Джураев"],
    "KG": ["Жапаров", "Токтогулов", "Осмонов", "Абдыкадыров", "Асанов", "Бакиров", "Шаршенов"],
    "TJ": ["Рахмонов", "Назаров", "Сафаров", "Шарипов", "Давлатов", "Хайдаров"],
    "AZ": ["Алиев", "Мамедов", "Гасанов", "Гусейнов", "Исмаилов", "Бабаев", "Керимов"],
    "TM": ["Бердыев", "Овезов", "Аманов", "Чарыев", "Мурадов"],
    "AM": ["Петросян", "Саркисян", "Григорян", "Арутюнян", "Оганесян"],
    "GE": ["Беридзе", "Капанадзе", "Гелашвили", "Мамедашвили", "Хуцишвили", "Лобжанидзе"],
}  # fmt: skip
_MALE = ["Тимур", "Нурлан", "Ерлан", "Бахтиёр", "Шерзод", "Рустам", "Алишер", "Даниияр",
         "Азамат", "Фарид", "Эльчин", "Арман", "Георгий", "Давид", "Рашид", "Максим", "Сергей",
         "Александр", "Юсуф", "Жасур", "Ильхам", "Бекзод", "Мурат", "Самвел", "Гурам"]  # fmt: skip
_FEMALE = ["Айгерим", "Дильноза", "Нино", "Гульнара", "Малика", "Асель", "Зарина", "Лейла",
           "Ануш", "Тамара", "Екатерина", "Юлия", "Сабина", "Мадина", "Нигора"]  # fmt: skip
_FATHERS = ["Рашид", "Алишер", "Рустам", "Нурлан", "Ерлан", "Бахтияр", "Марат", "Сергей",
            "Тимур", "Ильхам", "Фарид", "Азат", "Камал", "Джамал", "Георгий"]  # fmt: skip
_COMPANY_WORDS = ["Степь", "Шёлковый путь", "Каспий", "Тянь-Шань", "Арал", "Памир", "Алатау",
                  "Самарканд", "Мост", "Восток", "Золотая Орда", "Бирлик", "Ынтымак",
                  "Азия Логистик", "Транзит", "Кристалл", "Гранит", "Альянс"]  # fmt: skip
_COMPANY_TAILS = ["Трейд", "Групп", "Инвест", "Строй", "Экспорт", "Логистик", "Финанс"]
_FORMS = {
    "KZ": ("ТОО", "LLP"),
    "UZ": ("ООО", "MChJ"),
    "KG": ("ОсОО", "LLC"),
    "TJ": ("ООО", "LLC"),
    "AZ": ("ООО", "MMC"),
    "TM": ("ХО", "LLC"),
    "AM": ("ООО", "LLC"),
    "GE": ("ООО", "LLC"),
}
#: Letters the region's Latin spellings of one Cyrillic name disagree on.
_VARIANTS = [
    ("yev", "ev"),
    ("yev", "iev"),
    ("kh", "x"),
    ("kh", "h"),
    ("yu", "iu"),
    ("zh", "j"),
    ("dzh", "j"),
    ("ch", "tch"),
    ("ya", "ia"),
]
_GEORGIAN = str.maketrans(
    {"а": "ა", "б": "ბ", "в": "ვ", "г": "გ", "д": "დ", "е": "ე", "ж": "ჟ", "з": "ზ", "и": "ი",
     "к": "კ", "л": "ლ", "м": "მ", "н": "ნ", "о": "ო", "п": "პ", "р": "რ", "с": "ს", "т": "ტ",
     "у": "უ", "ф": "ფ", "х": "ხ", "ц": "ც", "ч": "ჩ", "ш": "შ", "щ": "შ", "ы": "ი", "э": "ე",
     "ю": "იუ", "я": "ია", "й": "ი", "ь": "", "ъ": ""}
)  # fmt: skip


#: Syllables of the region's surnames, so that a large register has thousands of them.
_SYLLABLES = {
    "KZ": (["Ахмет", "Абен", "Жума", "Сейт", "Нур", "Касым", "Бек", "Туле", "Омар", "Жаксы",
            "Искак", "Сар", "Ер", "Кара", "Даул", "Тас", "Бай", "Жан", "Кул", "Мух"],
           ["бай", "бек", "ген", "хан", "мур", "жан", "тай", "кали", "сен", "гали", ""],
           ["ов", "ев", "ин"]),
    "UZ": (["Ходжа", "Юсуп", "Карим", "Рахим", "Усман", "Турсун", "Мирза", "Исмоил", "Эргаш",
            "Холмат", "Шукур", "Джура", "Абду", "Сади", "Назар", "Хамид"],
           ["", "ал", "бек", "жон", "кул", "али", "мурод"],
           ["ов", "ев"]),
    "KG": (["Жапар", "Токтогул", "Осмон", "Абдыкадыр", "Асан", "Бакир", "Шаршен", "Эсен",
            "Мамыт", "Сыдык"], ["", "бек", "али", "кул"], ["ов", "ев"]),
    "TJ": (["Рахмон", "Назар", "Сафар", "Шарип", "Давлат", "Хайдар", "Сангин", "Мирзо"],
           ["", "али", "зод", "бек"], ["ов", "ев"]),
    "AZ": (["Али", "Мамед", "Гасан", "Гусейн", "Исмаил", "Баба", "Керим", "Рагим", "Гаджи",
            "Вели"], ["", "заде", "бек", "ли"], ["ев", "ов"]),
    "TM": (["Берды", "Овез", "Аман", "Чары", "Мурад", "Курбан"], ["", "гулы", "мамед"],
           ["ев", "ов"]),
    "AM": (["Петрос", "Саркис", "Григор", "Арутюн", "Оганес", "Мкртч", "Акоп", "Ованес"],
           ["", "ан"], ["ян"]),
    "GE": (["Берид", "Капанад", "Гелаш", "Мамедаш", "Хуциш", "Лобжанид", "Абашид", "Чавчавад"],
           ["", "з"], ["дзе", "швили"]),
}  # fmt: skip


def surname_of(rng: random.Random, country: str) -> str:
    """Draw a surname of a country: one of the common ones, or one built from its syllables."""
    if rng.random() < 0.15:
        return rng.choice(_SURNAMES[country])
    roots, middles, ends = _SYLLABLES[country]
    return rng.choice(roots) + rng.choice(middles) + rng.choice(ends)


def female(surname: str) -> str:
    """Return the female form of a Cyrillic surname (Алиев → Алиева); others are unchanged."""
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def patronymic(father: str, is_female: bool) -> str:
    """Return a Russian-style patronymic of a father's given name."""
    stem = father[:-1] + "ь" if father.endswith("й") else father
    if stem.endswith("ь"):
        return stem[:-1] + ("евна" if is_female else "евич")
    return stem + ("овна" if is_female else "ович")


def latin_variant(rng: random.Random, text: str) -> str:
    """Write a Cyrillic name in Latin, with one of the spellings the region produces."""
    latin = names.transliterate(text)
    options = [(a, b) for a, b in _VARIANTS if a in latin.lower()]
    if options and rng.random() < 0.6:
        a, b = rng.choice(options)
        lower = latin.lower().replace(a, b, 1)
        latin = " ".join(w[:1].upper() + w[1:] for w in lower.split(" "))
    return latin


# --- identifiers ----------------------------------------------------------------------------

_IBAN_LENGTH = {"KZ": 20, "AZ": 28, "GE": 22, "UA": 29, "TR": 26, "PK": 24}


def iban(rng: random.Random, country: str) -> str:
    """Return a random IBAN of a country with correct check digits (ISO 13616, mod 97)."""
    length = _IBAN_LENGTH[country]
    if country == "GE":
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + "".join(
            rng.choice(string.digits) for _ in range(length - 6)
        )
    elif country in ("AZ", "PK"):
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(
            rng.choice(string.digits) for _ in range(length - 8)
        )
    else:
        bban = "".join(rng.choice(string.digits) for _ in range(length - 4))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


_VIN_VALUES = {**{str(d): d for d in range(10)}}
_VIN_VALUES.update(
    dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    P=7,
    R=9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
)
_VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vin(rng: random.Random) -> str:
    """Return a 17-character VIN with a correct check digit (ISO 3779, position 9)."""
    chars = [rng.choice(_VIN_CHARS) for _ in range(17)]
    chars[8] = "0"
    total = sum(_VIN_VALUES[c] * w for c, w in zip(chars, _VIN_WEIGHTS, strict=True))
    chars[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(chars)


# --- the generator ----------------------------------------------------------------------------


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


class Batch:
    """The rows of one batch of cases, written table by table with their audit events."""

    def __init__(self, session: Session, world: World, rng: random.Random, sequences: dict):
        self.session = session
        self.world = world
        self.rng = rng
        self.sequences = sequences
        self.events: list[dict] = []
        self.counts: dict[str, int] = {}

    def write(self, model, rows: list[dict], office_of=None) -> list[int]:
        if not rows:
            return []
        ids = _insert(self.session, model, rows)
        table = model.__tablename__
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        self.events.extend(
            {
                "action": "create",
                "object_type": table,
                "object_id": row_id,
                "office_id": office_of(row) if office_of else row.get("office_id"),
                "before": None,
                "after": _flat_plain(row_id, row),
            }
            for row, row_id in zip(rows, ids, strict=True)
        )
        return ids


_AS_IS = frozenset({str, int, float, bool, type(None)})


def _flat_plain(row_id, values: dict) -> dict:
    """Return a row's values as the audit trail stores them (a fast path of audit.plain),
    without the columns the trail never holds."""
    out = {"id": row_id} if row_id is not None else {}
    for key, value in values.items():
        kind = type(value)
        if kind in _AS_IS:
            out[key] = value
        elif kind is datetime:
            out[key] = value.astimezone(UTC).isoformat(timespec="microseconds")
        elif kind is date:
            out[key] = value.isoformat()
        elif kind is Decimal:
            out[key] = str(value)
        else:
            out[key] = audit.plain(value)
    for key in audit.REDACTED.intersection(out):
        del out[key]
    return out


def _insert(session: Session, model, rows: list[dict]) -> list[int]:
    return db_bulk.insert_rows(session, model.__table__, rows)


# Paths through the lifecycle to each status: (action, target) after "draft".
_PATHS = {
    "draft": [],
    "pending_approval": [("submit", "pending_approval")],
    "approved": [("submit", "pending_approval"), ("approve", "approved")],
    "sent": [("submit", "pending_approval"), ("approve", "approved"), ("send", "sent")],
}
_PATHS["received"] = _PATHS["sent"] + [("acknowledge", "received")]
_PATHS["in_execution"] = _PATHS["received"] + [("start", "in_execution")]
_PATHS["information_requested"] = _PATHS["in_execution"] + [("ask_info", "information_requested")]
_PATHS["partially_executed"] = _PATHS["in_execution"] + [
    ("partially_execute", "partially_executed")
]
_PATHS["postponed"] = _PATHS["in_execution"] + [("postpone", "postponed")]
_PATHS["executed"] = _PATHS["in_execution"] + [("execute", "executed")]
_PATHS["refused"] = _PATHS["received"] + [("refuse", "refused")]
_PATHS["withdrawn"] = _PATHS["sent"] + [("withdraw", "withdrawn")]
#: How often each status occurs: most old requests are closed, a fair share is in progress.
_STATUS_WEIGHTS = {
    "draft": 6, "pending_approval": 3, "approved": 2, "sent": 10, "received": 7,
    "in_execution": 14, "information_requested": 3, "partially_executed": 4, "postponed": 2,
    "executed": 36, "refused": 6, "withdrawn": 4,
}  # fmt: skip
_REQUESTED_SIDE = {"acknowledge", "start", "partially_execute", "execute", "ask_info",
                   "refuse", "postpone"}  # fmt: skip
_ASSISTANCE = ["taking_evidence", "service_of_documents", "search_and_seizure", "freezing",
               "records", "tracing_proceeds", "providing_information"]  # fmt: skip
_OFFENCES = [
    ("Large-scale fraud", "Art. 190(4) CC"),
    ("Legalisation of criminal proceeds", "Art. 218(3) CC"),
    ("Embezzlement", "Art. 189(4) CC"),
    ("Smuggling of cash", "Art. 234 CC"),
    ("Bribery", "Art. 366(3) CC"),
    ("Drug trafficking", "Art. 297(3) CC"),
    ("Tax evasion", "Art. 245(2) CC"),
]


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


def build_batch(
    session: Session, world: World, seed: int, batch_no: int, cases: int, sequences: dict
) -> Batch:
    """Write one batch of cases with everything that hangs on them; return what was written.

    ``sequences`` holds the last reference number issued per (office, year) and is advanced.
    """
    rng = random.Random(f"{seed}:{batch_no}")
    batch = Batch(session, world, rng, sequences)
    today = world.today
    case_rows, case_meta = [], []
    for index in range(cases):
        office = rng.choice(world.member_offices)
        opened = today - timedelta(days=rng.randrange(30, YEARS_BACK * 365))
        staff = world.users_by_office.get(office["id"]) or [None]
        offence, article = rng.choice(_OFFENCES)
        status = rng.choices(["open", "suspended", "closed"], [6, 1, 3])[0]
        closed = opened + timedelta(days=rng.randrange(60, 900)) if status == "closed" else None
        if closed and closed > today:
            closed = today
        case_rows.append(
            {
                "office_id": office["id"],
                "reference": f"{REFERENCE_PREFIX}{seed}-{batch_no:05d}-{index:04d}",
                "title": f"{offence}: case {batch_no * BATCH_CASES + index + 1}",
                "offences": offence,
                "offence_articles": f"{article} {office['country']}",
                "summary": f"{offence} through companies registered in several states.",
                "status": status,
                "lead_prosecutor_id": rng.choice(staff),
                "opened_on": opened,
                "closed_on": closed,
                "created_at": _at(opened, rng),
                "updated_at": _at(closed or opened, rng),
                "version": 1,
            }
        )
        case_meta.append(office)
    case_ids = batch.write(Case, case_rows)

    # Parties: about two per case; a third of people are recorded again by another office.
    party_rows, party_names, party_docs, party_case = [], [], [], []
    for case_id, row, office in zip(case_ids, case_rows, case_meta, strict=True):
        count = rng.choice((1, 2, 2, 2, 3))
        for _ in range(count):
            if rng.random() < 0.82:
                person = rng.choice(world.identities)
                spellings = _person_names(rng, person, office["country"])
                party_rows.append(
                    {
                        "office_id": office["id"],
                        "kind": "person",
                        "display_name": " ".join(
                            p for p in (spellings[0]["surname"], spellings[0]["given_name"],
                                        spellings[0]["patronymic"]) if p
                        ),
                        "birth_date": person.birth_date if rng.random() < 0.85 else None,
                        "birth_place": "",
                        "nationality": person.nationality,
                        "address": "",
                        "occupation": rng.choice(["director", "accountant", "driver",
                                                  "entrepreneur", "unemployed", ""]),
                        "registration_number": "",
                        "tax_id": "",
                        "jurisdiction": "",
                        "created_at": row["created_at"],
                        "updated_at": row["created_at"],
                        "version": 1,
                    }
                )  # fmt: skip
                party_names.append(spellings)
                party_docs.append(
                    [("passport", person.passport, person.nationality)]
                    if rng.random() < 0.4
                    else []
                )
            else:
                cyr, lat, registration, country = rng.choice(world.companies)
                spellings = [{"full_name": cyr}, {"full_name": lat}]
                if rng.random() < 0.5:
                    spellings.reverse()
                party_rows.append(
                    {
                        "office_id": office["id"],
                        "kind": "company",
                        "display_name": spellings[0]["full_name"],
                        "birth_date": None,
                        "birth_place": "",
                        "nationality": "",
                        "address": "",
                        "occupation": "",
                        "registration_number": registration,
                        "tax_id": registration if rng.random() < 0.5 else "",
                        "jurisdiction": country,
                        "created_at": row["created_at"],
                        "updated_at": row["created_at"],
                        "version": 1,
                    }
                )
                party_names.append(spellings)
                party_docs.append([])
            party_case.append((case_id, office, row))
    party_ids = batch.write(Party, party_rows)

    name_rows, name_parties = [], []
    for party_id, spellings, prow in zip(party_ids, party_names, party_rows, strict=True):
        for position, spelling in enumerate(spellings):
            text = spelling.get("full_name") or " ".join(
                p for p in (spelling["surname"], spelling["given_name"], spelling["patronymic"])
                if p
            )  # fmt: skip
            name_rows.append(
                {
                    "party_id": party_id,
                    "full_name": text,
                    "surname": spelling.get("surname", ""),
                    "given_name": spelling.get("given_name", ""),
                    "patronymic": spelling.get("patronymic", ""),
                    "script": names.script_of(text),
                    "is_primary": position == 0,
                    "search_key": names.fold(text),
                }
            )
            name_parties.append(prow["office_id"])
    office_by_party = dict(zip(party_ids, (r["office_id"] for r in party_rows), strict=True))
    name_ids = batch.write(PartyName, name_rows, office_of=lambda r: office_by_party[r["party_id"]])
    token_rows = [
        {"name_id": name_id, "token": token, "party_id": row["party_id"]}
        for name_id, row in zip(name_ids, name_rows, strict=True)
        for token in names.search_tokens(row["full_name"])
    ]
    db_bulk.insert_rows(session, PartyNameToken.__table__, token_rows)
    doc_rows = [
        {"party_id": party_id, "kind": kind, "number": number,
         "number_key": number.upper(), "issuing_country": country,
         "issued_on": None, "expires_on": None}
        for party_id, docs in zip(party_ids, party_docs, strict=True)
        for kind, number, country in docs
    ]  # fmt: skip
    batch.write(IdentityDocument, doc_rows, office_of=lambda r: office_by_party[r["party_id"]])
    roles = ["suspect", "accused", "witness", "victim", "defendant", "beneficial_owner", "other"]
    case_party_rows = [
        {"case_id": case_id, "party_id": party_id, "role": rng.choice(roles),
         "created_at": crow["created_at"]}
        for party_id, (case_id, office, crow) in zip(party_ids, party_case, strict=True)
    ]  # fmt: skip
    office_by_case = dict(zip(case_ids, (r["office_id"] for r in case_rows), strict=True))
    batch.write(CaseParty, case_party_rows, office_of=lambda r: office_by_case[r["case_id"]])

    # Assets: one in two cases; some accounts turn up in cases of other offices.
    parties_of_case: dict[int, list[int]] = {}
    for party_id, (case_id, _, _) in zip(party_ids, party_case, strict=True):
        parties_of_case.setdefault(case_id, []).append(party_id)
    asset_rows, asset_owner = [], []
    for case_id, row, office in zip(case_ids, case_rows, case_meta, strict=True):
        if rng.random() >= 0.5:
            continue
        kind = rng.choices(["bank_account", "vehicle", "real_estate", "crypto_wallet", "cash"],
                           [5, 2, 2, 1, 1])[0]  # fmt: skip
        if kind == "bank_account":
            country = office["country"] if office["country"] in _IBAN_LENGTH else "KZ"
            identifier = (rng.choice(world.shared_ibans) if rng.random() < 0.15
                          else iban(rng, country))  # fmt: skip
            identifier = " ".join(identifier[i : i + 4] for i in range(0, len(identifier), 4))
        elif kind == "vehicle":
            identifier = vin(rng)
        elif kind == "real_estate":
            identifier = "-".join(f"{rng.randrange(1000):03d}" for _ in range(4))
        elif kind == "crypto_wallet":
            identifier = "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz")
                                          for _ in range(38))  # fmt: skip
        else:
            identifier = ""
        status = rng.choices(["identified", "frozen", "seized", "confiscated", "released"],
                             [4, 3, 2, 1, 1])[0]  # fmt: skip
        asset_rows.append(
            {
                "office_id": office["id"],
                "case_id": case_id,
                "kind": kind,
                "identifier": identifier,
                "identifier_key": identifier.replace(" ", "").replace("-", "").upper(),
                "description": kind.replace("_", " "),
                "country_code": office["country"],
                "location": "",
                "estimated_value": Decimal(rng.randrange(1000, 5_000_000)),
                "currency": rng.choice(["USD", "KZT", "UZS", "EUR"]),
                "status": status,
                "created_at": row["created_at"],
                "updated_at": row["created_at"],
                "version": 1,
            }
        )
        asset_owner.append(rng.choice(parties_of_case[case_id]))
    asset_ids = batch.write(Asset, asset_rows)
    batch.write(
        AssetOwner,
        [{"asset_id": a, "party_id": p, "share": Decimal("100")}
         for a, p in zip(asset_ids, asset_owner, strict=True)],
        office_of=lambda r: None,
    )  # fmt: skip
    batch.write(
        AssetStatusChange,
        [{"asset_id": a, "from_status": None, "to_status": r["status"],
          "effective_on": r["created_at"].date(), "changed_by_id": None,
          "changed_at": r["created_at"], "comment": ""}
         for a, r in zip(asset_ids, asset_rows, strict=True)],
        office_of=lambda r: None,
    )  # fmt: skip
    assets_of_case: dict[int, list[int]] = {}
    for asset_id, row in zip(asset_ids, asset_rows, strict=True):
        assets_of_case.setdefault(row["case_id"], []).append(asset_id)

    _requests(batch, case_ids, case_rows, case_meta, parties_of_case, assets_of_case)
    return batch


def _requests(batch: Batch, case_ids, case_rows, case_meta, parties_of_case, assets_of_case):
    rng, world, today = batch.rng, batch.world, batch.world.today
    statuses = list(_STATUS_WEIGHTS)
    weights = list(_STATUS_WEIGHTS.values())
    rows, plans = [], []
    for case_id, crow, office in zip(case_ids, case_rows, case_meta, strict=True):
        for _ in range(rng.choice(REQUESTS_PER_CASE)):
            requested = rng.choice([o for o in world.offices if o["country"] != office["country"]])
            status = rng.choices(statuses, weights)[0]
            path = _PATHS[status]
            created = crow["opened_on"] + timedelta(days=rng.randrange(1, 120))
            if created > today - timedelta(days=2):
                created = today - timedelta(days=2)
            # Steps a few days to a few months apart, never in the future.
            day, step_days = created, []
            for _action, _target in path:
                day = day + timedelta(days=rng.randrange(1, 40))
                step_days.append(min(day, today))
            year = created.year
            key = (office["id"], year)
            seq = batch.sequences[key] = batch.sequences.get(key, 0) + 1
            sent_on = next((d for (a, _), d in zip(path, step_days, strict=True) if a == "send"),
                           None)  # fmt: skip
            ack_on = next(
                (d for (a, _), d in zip(path, step_days, strict=True) if a == "acknowledge"),
                None,
            )
            closed_on = step_days[-1] if status in ("executed", "refused", "withdrawn") else None
            offence, article = crow["offences"], crow["offence_articles"]
            treaties = world.treaties_by_pair.get((office["country"], requested["country"]), [])
            rows.append(
                {
                    "reference": f"{office['code']}/{year}/{seq}",
                    "year": year,
                    "seq": seq,
                    "counterpart_reference": (
                        f"{requested['code']}/IN/{rng.randrange(1, 9999)}" if ack_on else ""
                    ),
                    "case_id": case_id,
                    "requesting_office_id": office["id"],
                    "requested_office_id": requested["id"],
                    "is_reciprocity": not treaties,
                    "channel": "central_authority",
                    "assistance_types": rng.sample(_ASSISTANCE, rng.randrange(1, 4)),
                    "subject": f"{offence}: assistance in case {crow['reference']}",
                    "proceedings_stage": "Pre-trial investigation",
                    "proceedings_authority": "",
                    "facts": crow["summary"],
                    "offences": f"{article} ({offence.lower()})",
                    "offence_text": "",
                    "damage": "",
                    "measures": [{"text": "Provide bank records for 2020–2025", "questions": []}],
                    "procedures": "",
                    "purpose": "To establish the flow of proceeds",
                    "is_urgent": rng.random() < 0.1,
                    "urgency_reason": "",
                    "is_confidential": True,
                    "has_speciality_undertaking": True,
                    "execution_requested_on": None,
                    "languages": ["ru"],
                    "annexes": [],
                    "status": status,
                    "refusal_ground": "dual_criminality" if status == "refused" else None,
                    "postponed_until": today + timedelta(days=30)
                    if status == "postponed"
                    else None,
                    "parent_id": None,
                    "is_registered_by_hand": False,
                    "signatory_name": "",
                    "signatory_title": "",
                    "sent_at": _at(sent_on, rng) if sent_on else None,
                    "acknowledged_at": _at(ack_on, rng) if ack_on else None,
                    "closed_at": _at(closed_on, rng) if closed_on else None,
                    "created_by_id": crow["lead_prosecutor_id"],
                    "created_at": _at(created, rng),
                    "updated_at": _at(step_days[-1] if step_days else created, rng),
                    "updated_by_id": crow["lead_prosecutor_id"],
                    "version": 1 + len(path),
                }
            )
            plans.append((case_id, office, requested, path, step_days, treaties, sent_on))
    request_ids = batch.write(Request, rows, office_of=lambda r: r["requesting_office_id"])
    # Written past the ORM (and its tally hook): counted in the network figures here, in the
    # batch's transaction.
    figures.add_rows(batch.session, rows)
    office_of_request = dict(zip(request_ids, (r["requesting_office_id"] for r in rows),
                                 strict=True))  # fmt: skip

    def request_office(row):
        return office_of_request[row["request_id"]]

    step_rows, deadline_rows, person_rows, asset_rows, basis_rows = [], [], [], [], []
    for request_id, row, plan in zip(request_ids, rows, plans, strict=True):
        case_id, office, requested, path, step_days, treaties, sent_on = plan
        requesting_staff = world.users_by_office.get(office["id"]) or [None]
        requested_staff = world.users_by_office.get(requested["id"]) or [None]
        previous = "draft"
        for (action, target), day in zip(path, step_days, strict=True):
            actor = rng.choice(requested_staff if action in _REQUESTED_SIDE else requesting_staff)
            step_rows.append(
                {
                    "request_id": request_id, "action": action, "from_status": previous,
                    "to_status": target, "actor_id": actor, "changed_at": _at(day, rng),
                    "effective_on": day,
                    "comment": "Further details needed" if action in ("ask_info", "postpone")
                    else "",
                    "grounds": "dual_criminality" if action == "refuse" else None,
                    "is_recorded_for_counterpart": not requested["is_member"]
                    and action in _REQUESTED_SIDE,
                }
            )  # fmt: skip
            previous = target
        if sent_on:
            final = row["status"] in ("executed", "refused", "withdrawn")
            ack_due = sent_on + timedelta(days=10)
            response_due = sent_on + timedelta(days=90)
            acknowledged = row["acknowledged_at"] is not None
            deadline_rows.append(
                {
                    "request_id": request_id, "case_id": None, "asset_id": None,
                    "kind": "acknowledgement", "title": "Acknowledgement of receipt",
                    "due_on": ack_due, "rule": "10 calendar days from the date sent",
                    "state": "met" if acknowledged else ("missed" if ack_due < today
                                                         else "open"),
                    "owner_office_id": requested["id"], "owner_user_id": None,
                    "created_at": _at(sent_on, rng),
                    "closed_at": row["acknowledged_at"],
                }
            )  # fmt: skip
            state = "met" if final else ("open" if response_due >= today or rng.random() < 0.7
                                         else "missed")  # fmt: skip
            deadline_rows.append(
                {
                    "request_id": request_id, "case_id": None, "asset_id": None,
                    "kind": "response_due", "title": "Response due", "due_on": response_due,
                    "rule": "90 calendar days from the date sent", "state": state,
                    "owner_office_id": requested["id"],
                    "owner_user_id": rng.choice(requested_staff) if acknowledged else None,
                    "created_at": _at(sent_on, rng),
                    "closed_at": row["closed_at"] if state == "met" else None,
                }
            )  # fmt: skip
        for party_id in parties_of_case.get(case_id, [])[:2]:
            person_rows.append(
                {
                    "request_id": request_id,
                    "party_id": party_id,
                    "role": rng.choice(["suspect", "accused", "witness"]),
                }
            )
        for asset_id in assets_of_case.get(case_id, [])[:1]:
            asset_rows.append({"request_id": request_id, "asset_id": asset_id})
        if treaties:
            basis_rows.append({"request_id": request_id, "treaty_id": rng.choice(treaties),
                               "articles": ""})  # fmt: skip
    # Custody limits and follow-ups on open cases: deadlines not tied to a request.
    for case_id, crow in zip(case_ids, case_rows, strict=True):
        if crow["status"] == "open" and rng.random() < 0.3:
            due = today + timedelta(days=rng.randrange(-20, 60))
            deadline_rows.append(
                {
                    "request_id": None, "case_id": case_id, "asset_id": None,
                    "kind": "custody_limit", "title": "Custody ends", "due_on": due,
                    "rule": "set by hand", "state": "open" if due >= today else "missed",
                    "owner_office_id": crow["office_id"],
                    "owner_user_id": crow["lead_prosecutor_id"],
                    "created_at": crow["created_at"], "closed_at": None,
                }
            )  # fmt: skip
    batch.write(StatusChange, step_rows, office_of=request_office)
    batch.write(Deadline, deadline_rows, office_of=lambda r: r["owner_office_id"])
    batch.write(RequestParty, person_rows, office_of=request_office)
    batch.write(RequestAsset, asset_rows, office_of=request_office)
    batch.write(RequestLegalBasis, basis_rows, office_of=request_office)


def _existing_sequences(session: Session) -> dict[tuple[int, int], int]:
    return {
        (office_id, year): last
        for office_id, year, last in session.execute(
            select(RequestSequence.office_id, RequestSequence.year, RequestSequence.last_seq)
        )
    }


def _store_sequences(session: Session, before: dict, after: dict) -> None:
    changed = [
        {"o": office_id, "y": year, "s": last}
        for (office_id, year), last in after.items()
        if (office_id, year) in before and last != before[(office_id, year)]
    ]
    added = [
        {"office_id": office_id, "year": year, "last_seq": last}
        for (office_id, year), last in after.items()
        if (office_id, year) not in before
    ]
    connection = session.connection()
    table = RequestSequence.__table__
    if changed:
        connection.execute(
            update(table)
            .where(table.c.office_id == bindparam("o"), table.c.year == bindparam("y"))
            .values(last_seq=bindparam("s")),
            changed,
        )
    if added:
        connection.execute(insert(table), added)


def synthetic_run(session: Session) -> Job | None:
    """Return the record of the synthetic load in this database, if there is one."""
    return session.scalar(select(Job).where(Job.kind == KIND).order_by(Job.id.desc()).limit(1))


def run(session: Session, cases: int, seed: int, *, resume: bool = False, echo=print) -> dict:
    """Add ``cases`` synthetic cases in batches; each batch commits on its own."""
    if cases <= 0:
        raise SynthError(f"--cases must be a positive number, not {cases}")
    previous = synthetic_run(session)
    has_rows = session.scalar(
        select(Case.id).where(Case.reference.like(f"{REFERENCE_PREFIX}%")).limit(1)
    )
    if previous is not None or has_rows:
        if not resume:
            what = "synthetic cases"
            if previous is not None:
                seed_was = previous.params.get("seed")
                what = f"{previous.done} of {previous.total} cases, seed {seed_was}"
            raise SynthError(
                f"this database already holds synthetic data ({what}); use a fresh database"
                + (", or --resume to finish the interrupted run" if previous and
                   not previous.is_finished else "")
            )  # fmt: skip
        if previous is None or previous.is_finished:
            raise SynthError("there is no interrupted synthetic run to resume")
        if previous.params != {"cases": cases, "seed": seed}:
            raise SynthError(
                f"the interrupted run was --cases {previous.params['cases']} --seed "
                f"{previous.params['seed']}; resume it with the same values"
            )
        job = previous
    elif resume:
        raise SynthError("there is no interrupted synthetic run to resume")
    else:
        job = Job(kind=KIND, params={"cases": cases, "seed": seed}, total=cases,
                  status=JobStatus.RUNNING, started_at=datetime.now(UTC),
                  message="synthetic network")  # fmt: skip
        session.add(job)
        session.flush()
    today = date.today()
    world = load_world(session, seed, cases, today)
    added_users = ensure_users(session, world) if job.done == 0 else 0
    if added_users:
        audit_rows = [
            {"action": "create", "object_type": "users", "object_id": None, "office_id": None,
             "before": None, "after": {"synthetic_users": added_users}}
        ]  # fmt: skip
        audit.append_events(session, audit_rows)
    session.commit()
    # Per-row hooks off for the bulk path: matching runs once at the end.
    app = current_app._get_current_object()
    saved = app.config.get("LINKS_AUTO_REFRESH", True)
    app.config["LINKS_AUTO_REFRESH"] = False
    totals: dict[str, int] = {}
    try:
        batch_no = job.done // BATCH_CASES
        while job.done < cases:
            size = min(BATCH_CASES, cases - job.done)
            db_bulk.bulk_cache(session)
            before = _existing_sequences(session)
            batch = build_batch(session, world, seed, batch_no, size, dict(before))
            _store_sequences(session, before, batch.sequences)
            audit.append_events(session, batch.events)
            job.done += size
            job.message = f"batch {batch_no + 1}"
            session.commit()
            for table, count in batch.counts.items():
                totals[table] = totals.get(table, 0) + count
            batch_no += 1
            echo(f"  {job.done}/{cases} cases")
    except BaseException:
        session.rollback()
        raise
    finally:
        app.config["LINKS_AUTO_REFRESH"] = saved
    db_bulk.bulk_cache(session, enabled=False)
    job.status = JobStatus.SUCCEEDED
    job.finished_at = datetime.now(UTC)
    job.result = {"rows": totals}
    session.commit()
    return totals


def request_count(session: Session) -> int:
    return session.scalar(select(func.count(Request.id))) or 0
