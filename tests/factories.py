"""Factories: build exactly the records a test needs, with overrides (Redash style).

Each ``make_*`` takes the session and keyword overrides, fills every other required field
with a plain default, adds the record and flushes; the test commits when it wants. They need
no demo data (use them on ``empty_app``), so a test states what it relies on::

    with empty_app.app_context():
        office = make_office(db.session, country_code="KZ")
        user = make_user(db.session, office=office, role=Role.PROSECUTOR)
        case = make_case(db.session, office=office, title="Smuggling")
        request = make_request(db.session, case=case, status=RequestStatus.SENT)
        make_deadline(db.session, request=request, due_on=clock.today() - timedelta(days=3))
        db.session.commit()
    client = signed_in(empty_app, user)

On ``directory_app`` (the real countries, offices and treaties, no demo), ``people`` gives one
user per role at real offices, and ``office(session, "KZ-ALM")`` finds a directory office::

    def test_outgoing_list(directory_app, people):
        with directory_app.app_context():
            case = make_case(db.session, office=office(db.session, "KZ-ALM"))
            make_request(db.session, case=case, requested_office=office(db.session, "UZ-TAS"))
            db.session.commit()
        page = signed_in(directory_app, people.almaty).get("/requests/?box=outgoing")
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import clock
from casetrack.auth.services import hash_password
from casetrack.mla.numbering import next_reference
from casetrack.models import (
    Asset,
    AssetKind,
    AssetOwner,
    Case,
    CaseParty,
    Country,
    Deadline,
    DeadlineKind,
    DeadlineState,
    IdentityDocument,
    Office,
    OfficeKind,
    Party,
    PartyKind,
    PartyRole,
    Request,
    RequestLegalBasis,
    RequestStatus,
    Role,
    Treaty,
    User,
)
from casetrack.parties.names import set_names

#: The password of every user a factory makes.
PASSWORD = "factory-password-2026"

_numbers = itertools.count(1)
_COUNTRIES = {
    "KZ": ("Kazakhstan", "Казахстан"),
    "UZ": ("Uzbekistan", "Узбекистан"),
    "KG": ("Kyrgyzstan", "Кыргызстан"),
    "AZ": ("Azerbaijan", "Азербайджан"),
    "GE": ("Georgia", "Грузия"),
}


def _next() -> int:
    return next(_numbers)


def _add(session: Session, record: Any) -> Any:
    session.add(record)
    session.flush()
    return record


def make_country(session: Session, code: str = "KZ", **overrides) -> Country:
    """The country ``code``, created the first time it is asked for."""
    found = session.get(Country, code)
    if found is not None:
        return found
    name_en, name_ru = _COUNTRIES.get(code, (f"Country {code}", f"Страна {code}"))
    fields = {"code": code, "name_en": name_en, "name_ru": name_ru, "languages": ["ru"]}
    return _add(session, Country(**{**fields, **overrides}))


def make_office(session: Session, country_code: str = "KZ", **overrides) -> Office:
    """A member prosecutor's office in ``country_code``."""
    make_country(session, country_code)
    n = _next()
    fields = {
        "code": f"{country_code}-T{n}",
        "country_code": country_code,
        "kind": OfficeKind.PROSECUTOR_OFFICE,
        "name_en": f"Test Prosecutor's Office {n}",
        "name_ru": f"Тестовая прокуратура {n}",
        "email": f"office{n}@test.example",
        "is_member": True,
    }
    return _add(session, Office(**{**fields, **overrides}))


def make_user(session: Session, office: Office | None = None, **overrides) -> User:
    """A prosecutor (by default) of ``office`` who signs in with ``PASSWORD``."""
    office = office or make_office(session)
    n = _next()
    fields = {
        "email": f"user{n}@test.example",
        "name": f"Test User {n}",
        "office_id": office.id,
        "role": Role.PROSECUTOR,
        "language": "en",
        "password_hash": hash_password(PASSWORD),
    }
    return _add(session, User(**{**fields, **overrides}))


def make_case(session: Session, office: Office | None = None, **overrides) -> Case:
    """An open case of ``office``, opened a month ago."""
    office = office or make_office(session)
    n = _next()
    fields = {
        "office_id": office.id,
        "reference": f"T-{n:05d}",
        "title": f"Test case {n}",
        "opened_on": clock.today() - timedelta(days=30),
    }
    return _add(session, Case(**{**fields, **overrides}))


def make_party(
    session: Session, office: Office | None = None, names: list[str] | None = None, **overrides
) -> Party:
    """A person of ``office`` known by ``names`` (the first is primary)."""
    office = office or make_office(session)
    names = names or [f"Testov Test {_next()}"]
    fields = {"office_id": office.id, "kind": PartyKind.PERSON, "display_name": names[0]}
    party = Party(**{**fields, **overrides})
    set_names(party, [{"full_name": name} for name in names])
    return _add(session, party)


def make_asset(session: Session, office: Office | None = None, **overrides) -> Asset:
    """An asset of ``office`` (of its case, where ``case`` is given)."""
    case = overrides.pop("case", None)
    office = office or (case.office if case is not None else None) or make_office(session)
    fields = {
        "office_id": office.id,
        "case_id": case.id if case is not None else None,
        "kind": AssetKind.OTHER,
        "description": f"Test asset {_next()}",
    }
    return _add(session, Asset(**{**fields, **overrides}))


def make_request(
    session: Session,
    case: Case | None = None,
    requested_office: Office | None = None,
    **overrides,
) -> Request:
    """A request from ``case``'s office (a new case by default) to another country's office.

    ``status`` defaults to draft; ``sent_at`` is set a week ago for any status past sending.
    """
    case = case or make_case(session)
    requesting = session.get(Office, case.office_id)
    requested_office = requested_office or make_office(session, country_code="UZ")
    year = clock.today().year
    reference, seq = next_reference(session, requesting, year)
    status = overrides.pop("status", RequestStatus.DRAFT)
    unsent = (RequestStatus.DRAFT, RequestStatus.PENDING_APPROVAL, RequestStatus.APPROVED)
    fields = {
        "reference": reference,
        "year": year,
        "seq": seq,
        "case_id": case.id,
        "requesting_office_id": requesting.id,
        "requested_office_id": requested_office.id,
        "subject": case.title,
        "status": status,
        "sent_at": None if status in unsent else clock.now() - timedelta(days=7),
    }
    return _add(session, Request(**{**fields, **overrides}))


def make_deadline(session: Session, request: Request | None = None, **overrides) -> Deadline:
    """An open response deadline of ``request`` owed by the requested office, due in 30 days."""
    request = request or make_request(session, status=RequestStatus.SENT)
    fields = {
        "request_id": request.id,
        "kind": DeadlineKind.RESPONSE_DUE,
        "title": "Response due",
        "due_on": clock.today() + timedelta(days=30),
        "state": DeadlineState.OPEN,
        "owner_office_id": request.requested_office_id,
    }
    return _add(session, Deadline(**{**fields, **overrides}))


def office(session: Session, code: str) -> Office:
    """The directory office ``code`` (on ``directory_app``)."""
    found = session.scalar(select(Office).where(Office.code == code))
    assert found is not None, f"no office {code} in the directory"
    return found


@dataclass(frozen=True)
class Person:
    """What a test needs of a user after the session that made it is gone."""

    id: int
    email: str
    office_id: int
    office_code: str


@dataclass(frozen=True)
class People:
    """One user per role at real offices of the directory, made by ``make_people``."""

    almaty: Person  # prosecutor, Almaty City Prosecutor's Office (KZ-ALM)
    kz_ca: Person  # central authority, Prosecutor General's Office of Kazakhstan (KZ-GPO)
    tashkent: Person  # prosecutor, Tashkent City Prosecutor's Office (UZ-TAS)
    uz_ca: Person  # central authority, Prosecutor General's Office of Uzbekistan (UZ-GPO)
    az_ca: Person  # central authority, Prosecutor General's Office of Azerbaijan (AZ-GPO)
    tbilisi: Person  # prosecutor, Prosecutor General's Office of Georgia (GE-PGO)
    coordinator: Person  # network coordinator (KG-GPO)
    admin: Person  # system administrator (KZ-GPO)


_PEOPLE = {
    "almaty": ("KZ-ALM", Role.PROSECUTOR),
    "kz_ca": ("KZ-GPO", Role.CENTRAL_AUTHORITY),
    "tashkent": ("UZ-TAS", Role.PROSECUTOR),
    "uz_ca": ("UZ-GPO", Role.CENTRAL_AUTHORITY),
    "az_ca": ("AZ-GPO", Role.CENTRAL_AUTHORITY),
    "tbilisi": ("GE-PGO", Role.PROSECUTOR),
    "coordinator": ("KG-GPO", Role.COORDINATOR),
    "admin": ("KZ-GPO", Role.ADMIN),
}


def make_people(session: Session, **overrides) -> People:
    """Make ``People`` (English interface); ``overrides[name]`` adds fields to one user."""
    made = {}
    for name, (code, role) in _PEOPLE.items():
        at = office(session, code)
        user = make_user(session, office=at, role=role, **overrides.get(name, {}))
        made[name] = Person(user.id, user.email, at.id, code)
    return People(**made)


def signed_in(app, user: User | Person):
    """A test client signed in as ``user`` through the real log-in form."""
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, f"log-in failed for {user.email}"
    return client


def api_client(app, user: User | Person):
    """A JSON client with a fresh bearer token of ``user``."""
    from casetrack.auth.services import issue_api_token
    from casetrack.db import db
    from tests.conftest import ApiClient

    with app.app_context():
        token = issue_api_token(db.session, db.session.get(User, user.id))
        db.session.commit()
    return ApiClient(app.test_client(), token)


def make_case_party(session: Session, case: Case, party: Party, **overrides) -> CaseParty:
    """``party`` in ``case``, as a suspect unless ``role`` says otherwise."""
    fields = {"case_id": case.id, "party_id": party.id, "role": PartyRole.SUSPECT}
    return _add(session, CaseParty(**{**fields, **overrides}))


def make_case_deadline(session: Session, case: Case, **overrides) -> Deadline:
    """An open custody limit of ``case`` (no request), owed by its office, due in 18 days."""
    fields = {
        "case_id": case.id,
        "kind": DeadlineKind.CUSTODY_LIMIT,
        "title": "Custody ends",
        "due_on": clock.today() + timedelta(days=18),
        "state": DeadlineState.OPEN,
        "owner_office_id": case.office_id,
        "rule": "set by hand",
    }
    return _add(session, Deadline(**{**fields, **overrides}))


def make_legal_basis(
    session: Session, request: Request, treaty_code: str = "MINSK1993", **overrides
) -> RequestLegalBasis:
    """``request`` made under the directory's treaty ``treaty_code`` (on ``directory_app``)."""
    treaty = session.scalar(select(Treaty).where(Treaty.code == treaty_code))
    assert treaty is not None, f"no treaty {treaty_code} in the directory"
    fields = {"request_id": request.id, "treaty_id": treaty.id, "articles": ""}
    return _add(session, RequestLegalBasis(**{**fields, **overrides}))


def make_person(
    session: Session,
    office: Office | None = None,
    spellings: list[tuple[str, str, str]] | None = None,
    **overrides,
) -> Party:
    """A person of ``office`` known by ``spellings`` of (surname, given name, patronymic).

    The first spelling is primary, e.g. ``[("Алиев", "Тимур", ""), ("Aliyev", "Timur", "")]``.
    """
    office = office or make_office(session)
    spellings = spellings or [(f"Testov{_next()}", "Test", "")]
    fields = {"office_id": office.id, "kind": PartyKind.PERSON, "display_name": ""}
    party = Party(**{**fields, **overrides})
    set_names(
        party,
        [
            {"surname": surname, "given_name": given, "patronymic": patronymic}
            for surname, given, patronymic in spellings
        ],
    )
    return _add(session, party)


def make_identity_document(
    session: Session, party: Party, number: str = "N0000001", **overrides
) -> IdentityDocument:
    """A passport of ``party`` numbered ``number`` (its key is the number without separators)."""
    fields = {
        "party_id": party.id,
        "kind": "passport",
        "number": number,
        "number_key": "".join(ch for ch in number.upper() if ch.isalnum()),
    }
    return _add(session, IdentityDocument(**{**fields, **overrides}))


def make_owner(session: Session, asset: Asset, party: Party, share=None) -> AssetOwner:
    """``party`` owns ``share`` percent of ``asset`` (None: share unknown)."""
    return _add(session, AssetOwner(asset_id=asset.id, party_id=party.id, share=share))


def take_steps(session: Session, request: Request, *steps) -> Request:
    """Take lifecycle ``steps`` with the real service, as the pages do, and return ``request``.

    Each step is ``(action, user)`` or ``(action, user, {keyword: value})`` for
    ``casetrack.mla.transitions.apply`` (``effective_on``, ``comment``, ``details``…);
    ``user`` is a ``User`` or a ``Person``.
    """
    from casetrack.mla import transitions

    for action, user, *options in steps:
        actor = session.get(User, user.id)
        transitions.apply(session, actor, request, action, **(options[0] if options else {}))
    return request


#: Almaty's path to Tashkent: who of ``People`` takes each step, in order.
TO_TASHKENT = (
    ("submit", "almaty"),
    ("approve", "kz_ca"),
    ("send", "kz_ca"),
    ("acknowledge", "tashkent"),
    ("start", "tashkent"),
)


def sent_request(
    session: Session, people: People, until: str = "start", case: Case | None = None, **overrides
) -> Request:
    """A complete draft of Almaty (``case``, a new one by default) to Tashkent, taken through
    ``TO_TASHKENT`` by the real service up to and including the step ``until`` (``"start"``:
    Tashkent is executing it)."""
    case = case or make_case(session, office=office(session, "KZ-ALM"))
    overrides = {"status": RequestStatus.DRAFT, **overrides}
    request = make_complete_request(session, case=case, **overrides)
    names = [action for action, _ in TO_TASHKENT]
    steps = TO_TASHKENT[: names.index(until) + 1]
    return take_steps(session, request, *((a, getattr(people, who)) for a, who in steps))


def tashkents_request(session: Session, people: People, case: Case, *answers: str) -> Request:
    """A complete draft of Tashkent's ``case`` to Almaty, submitted, approved and sent by
    Tashkent's side through the real service, then taken by Almaty through ``answers``
    (e.g. ``"acknowledge", "start", "execute"``)."""
    request = make_complete_request(
        session, case=case, requested_office=office(session, "KZ-ALM"), status=RequestStatus.DRAFT
    )
    steps = [("submit", people.tashkent), ("approve", people.uz_ca), ("send", people.uz_ca)]
    return take_steps(session, request, *steps, *((step, people.almaty) for step in answers))


def make_complete_request(
    session: Session, case: Case | None = None, requested_office: Office | None = None, **overrides
) -> Request:
    """A request with every item the Minsk Convention of 1993 (Art. 7) asks for, under it.

    From ``case`` (a new Almaty case by default) to ``requested_office`` (Tashkent's), approved
    by default: its letter can be issued. Needs ``directory_app`` (the treaty and the offices).
    """
    case = case or make_case(session, office=office(session, "KZ-ALM"))
    fields = {
        "status": RequestStatus.APPROVED,
        "facts": "The suspect moved the proceeds through two companies in Tashkent.",
        "offences": "Art. 218 of the Criminal Code: laundering the proceeds of crime.",
        "offence_text": "Art. 218. Laundering of money or other property obtained by crime.",
        "assistance_types": ["records"],
        "measures": [{"text": "Obtain the statements of account no. 1.", "questions": []}],
        "signatory_name": "Сейткали А.",
        "signatory_title": "Старший прокурор",
        "texts": {
            "en": {
                "facts": "The suspect moved the proceeds through two companies.",
                "signatory_name": "Aigerim Seitkali",
                "signatory_title": "Senior prosecutor",
            }
        },
    }
    request = make_request(
        session,
        case=case,
        requested_office=requested_office or office(session, "UZ-TAS"),
        **{**fields, **overrides},
    )
    make_legal_basis(session, request, "MINSK1993")
    return request


def make_network(app, people: People, cases: int = 12, seed: int = 3) -> None:
    """A small realistic network on ``directory_app``, committed: what ``synth`` makes (cases,
    parties in both scripts recurring across offices, assets, requests in every status with
    their histories and deadlines, link proposals and hits), plus a complete request of
    Almaty's with its letter issued and a file attached to it."""
    from casetrack import synth
    from casetrack.attachments import services as attachments
    from casetrack.db import db
    from casetrack.documents import services as documents
    from casetrack.models import DocumentKind

    with app.test_request_context():
        synth.run(db.session, cases, seed, echo=lambda _: None)
        user = db.session.get(User, people.almaty.id)
        request = make_complete_request(db.session)
        db.session.commit()
        letter = documents.issue(db.session, request, DocumentKind.REQUEST, "en", user)
        db.session.commit()
        upload = attachments.Upload(data=letter.content, file_name="letter.pdf", title="Our letter")
        attachments.attach_to_request(db.session, user, request, upload)
        db.session.commit()


def bilingual(**overrides) -> dict:
    """Overrides for ``make_complete_request`` or ``sent_request``: a request Almaty writes in
    Russian and English, the Russian text in the columns and the English one in ``texts``.

    The Russian facts speak of «подставные компании», the English ones of "shell companies",
    so a test can tell which language a page or letter prints.
    """
    fields = {
        "languages": ["ru", "en"],
        "subject": "Досудебное расследование мошенничества в особо крупном размере",
        "proceedings_stage": "Досудебное расследование",
        "proceedings_authority": "Прокуратура города Алматы, следственное управление",
        "facts": "В 2023–2025 годах группа лиц получала возврат НДС по фиктивным экспортным "
        "операциям через подставные компании и переводила средства в Узбекистан.",
        "offences": "ч. 4 ст. 190 УК РК (мошенничество)",
        "offence_text": "Статья 190. Мошенничество.",
        "damage": "1 240 000 000 тенге возвращённого НДС — ущерб бюджету",
        "purpose": "Установить движение преступных доходов и их конечных получателей",
        "measures": [{"text": "Предоставить выписки по счёту за 2023–2025 годы", "questions": []}],
        "signatory_name": "Сейткали А.",
        "signatory_title": "Старший прокурор",
        "texts": {
            "en": {
                "subject": "Pre-trial investigation of large-scale fraud",
                "proceedings_stage": "Pre-trial investigation",
                "proceedings_authority": "Almaty City Prosecutor's Office, investigations",
                "facts": "Between 2023 and 2025 a group obtained VAT refunds for fictitious "
                "exports through shell companies and moved the money to Uzbekistan.",
                "offences": "Art. 190(4) CC RK (fraud)",
                "offence_text": "Article 190. Fraud.",
                "damage": "KZT 1,240,000,000 of VAT refunded to the budget's loss",
                "purpose": "To establish the flow of proceeds and their final recipients",
                "measures": [
                    {"text": "Provide statements of account for 2023–2025", "questions": []}
                ],
                "signatory_name": "Aigerim Seitkali",
                "signatory_title": "Senior prosecutor",
            }
        },
    }
    return {**fields, **overrides}


def make_hit(session: Session, party_a: Party, party_b: Party, **overrides):
    """A cross-border hit on a proposed link between two parties of different offices.

    The parties are put in id order (side a has the lower id), as the matcher stores them.
    """
    from casetrack.models import CrossBorderHit, HitKind, PartyLink

    first, second = sorted([party_a, party_b], key=lambda party: party.id)
    link = _add(
        session, PartyLink(party_a_id=first.id, party_b_id=second.id, score=0.9, reasons=[])
    )
    fields = {
        "kind": HitKind.PARTY,
        "party_link_id": link.id,
        "office_a_id": first.office_id,
        "office_b_id": second.office_id,
    }
    return _add(session, CrossBorderHit(**{**fields, **overrides}))


def make_monitored_requests(session: Session, people: People) -> dict[str, Request]:
    """The six requests the monitoring tests count, dated as the demo dates its own.

    Sent and still open: ``to_tashkent`` (Almaty to Tashkent, in execution, taken through its
    real steps, sent 70 days ago), ``to_turkey`` (Almaty to TR-MOJ, sent 38 days ago);
    received: ``from_tashkent`` (taking evidence, sent 25 days ago) and ``from_us`` (US-OIA to
    KZ-GPO, registered by hand, sent 12 days ago); ``executed`` (Tashkent to Almaty, service of
    documents, sent 135 and closed 100 days ago: 35 days); and ``draft`` (Almaty to AZ-GPO),
    which no monitor counts. Needs ``directory_app``.
    """
    now = clock.now()

    def days_ago(days: int):
        return now - timedelta(days=days)

    almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    almaty_case = make_case(session, office=almaty)
    tashkent_case = make_case(session, office=tashkent)
    to_tashkent = sent_request(
        session, people, case=almaty_case, assistance_types=["records", "freezing"]
    )
    to_tashkent.sent_at, to_tashkent.acknowledged_at = days_ago(70), days_ago(66)
    made = {
        "to_tashkent": to_tashkent,
        "draft": make_request(
            session,
            case=almaty_case,
            requested_office=office(session, "AZ-GPO"),
            assistance_types=["providing_information"],
        ),
        "to_turkey": make_request(
            session,
            case=almaty_case,
            requested_office=office(session, "TR-MOJ"),
            status=RequestStatus.SENT,
            assistance_types=["records"],
            sent_at=days_ago(38),
        ),
        "from_tashkent": make_request(
            session,
            case=tashkent_case,
            requested_office=almaty,
            status=RequestStatus.RECEIVED,
            assistance_types=["taking_evidence"],
            sent_at=days_ago(25),
            acknowledged_at=days_ago(20),
        ),
        "executed": make_request(
            session,
            case=tashkent_case,
            requested_office=almaty,
            status=RequestStatus.EXECUTED,
            assistance_types=["service_of_documents"],
            sent_at=days_ago(135),
            acknowledged_at=days_ago(130),
            closed_at=days_ago(100),
        ),
    }
    us, kz_gpo = office(session, "US-OIA"), office(session, "KZ-GPO")
    reference, seq = next_reference(session, us, now.year)
    made["from_us"] = _add(
        session,
        Request(
            reference=reference,
            year=now.year,
            seq=seq,
            requesting_office_id=us.id,
            requested_office_id=kz_gpo.id,
            status=RequestStatus.RECEIVED,
            is_registered_by_hand=True,
            counterpart_reference="OIA 182-45-1077",
            subject="Wire fraud investigation",
            assistance_types=["records"],
            sent_at=days_ago(12),
            acknowledged_at=days_ago(10),
        ),
    )
    # The demo's late and coming deadlines: two requests overdue by less than 30 days.
    today = clock.today()
    make_deadline(
        session,
        request=to_tashkent,
        title="Execution requested by",
        due_on=today - timedelta(days=5),
    )
    make_deadline(
        session,
        request=made["to_turkey"],
        kind=DeadlineKind.ACKNOWLEDGEMENT,
        title="Acknowledgement of receipt",
        due_on=today - timedelta(days=29),
    )
    make_deadline(session, request=made["to_turkey"], due_on=today + timedelta(days=52))
    make_deadline(session, request=made["from_tashkent"], due_on=today + timedelta(days=4))
    make_deadline(
        session,
        request=made["executed"],
        due_on=today - timedelta(days=50),
        state=DeadlineState.MET,
        closed_at=days_ago(100),
    )
    return made


def drop_signatory(request: Request) -> Request:
    """Clear ``request``'s signatory in every language, as on a request sent before casetrack's
    signatory rule (submitting needs one): its letters are signed by the user who issues them.
    """
    request.signatory_name = request.signatory_title = ""
    request.texts = {
        lang: {key: value for key, value in fields.items() if not key.startswith("signatory")}
        for lang, fields in (request.texts or {}).items()
    }
    return request
