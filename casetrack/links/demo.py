"""The demo's network story: a broker between an Almaty group and a Tashkent group.

Loaded by ``flask casetrack demo`` into a newly created demo network (tests load it with
the ``network_story`` fixture of their own). Almaty's
fraud case names the broker beside the Aliyev group; a second Almaty case names the broker
with a Tashkent group; Tashkent's own case holds another record of the broker, which the
matcher tells Almaty as a hit. No request names the broker. An executed request to Georgia
returned the statement of Steppe Trade's Tbilisi account (``casetrack/demo_data/``), which
the user imports to see the money go on to Uzbekistan and Türkiye.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.mla.numbering import next_reference
from casetrack.models import (
    Asset,
    AssetKind,
    AssetOwner,
    AssetStatus,
    Case,
    CaseParty,
    Channel,
    Office,
    Party,
    PartyKind,
    PartyRole,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    RequestStatus,
    StatusChange,
    Treaty,
    User,
)

STATEMENT = Path(__file__).resolve().parent.parent / "demo_data" / "statement-ge-steppe-trade.csv"
TASHKENT_CASE = "DEMO-2026-0233"
BROKER = ("Исмоилов", "Фаррух", "Баходирович", ("Ismoilov", "Farrukh", "Bakhodirovich"))


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)


def _person(session, office, names, **fields) -> Party:
    surname, given, patronymic, latin = names
    party = Party(office=office, kind=PartyKind.PERSON, display_name="", **fields)
    session.add(party)
    from casetrack.parties.names import set_names  # parties' views import links

    set_names(
        party,
        [
            {"surname": surname, "given_name": given, "patronymic": patronymic, "is_primary": True},
            {"surname": latin[0], "given_name": latin[1], "patronymic": latin[2]},
        ],
    )
    return party


def _company(session, office, names: list[str], **fields) -> Party:
    party = Party(office=office, kind=PartyKind.COMPANY, display_name="", **fields)
    session.add(party)
    from casetrack.parties.names import set_names  # parties' views import links

    set_names(
        party,
        [{"full_name": n, "is_primary": i == 0} for i, n in enumerate(names)],
    )
    return party


def load(session: Session, today: date) -> bool:
    """Add the broker story once; False when it is already there."""
    offices = {o.code: o for o in session.scalars(select(Office))}
    alm, tas, geo = offices["KZ-ALM"], offices["UZ-TAS"], offices["GE-PGO"]
    if session.scalar(
        select(Case.id).where(Case.office_id == alm.id, Case.reference == TASHKENT_CASE)
    ):
        return False
    users = {u.email: u for u in session.scalars(select(User))}
    aigerim, nino = users["aigerim@kz-alm.example"], users["nino@ge-pgo.example"]
    daniyar = users["daniyar@kz-gpo.example"]
    cases = {
        c.reference: c
        for c in session.scalars(
            select(Case).where(
                Case.reference.in_(["DEMO-2026-0147", "DEMO-2026-0212", "TAS-45/2026"])
            )
        )
    }
    fraud, tashkent = cases["DEMO-2026-0147"], cases["TAS-45/2026"]
    # The demo's case links date from each case's opening, so that the network can be
    # seen as it grew (?to=).
    for case in cases.values():
        for link in case.case_parties:
            link.created_at = _at(case.opened_on)

    group = Case(
        office=alm,
        reference=TASHKENT_CASE,
        title="Tashkent group: cash collection for the Aliyev network",
        offences="Legalisation of criminal proceeds",
        offence_articles="Art. 218(3) CC RK",
        summary="A Tashkent group collected cash from the fraud's proceeds and exchanged it "
        "through a currency exchange; F. B. Ismoilov carried the instructions from Almaty.",
        lead_prosecutor=aigerim,
        opened_on=today - timedelta(days=60),
    )
    session.add(group)
    broker = _person(
        session,
        alm,
        BROKER,
        birth_date=date(1983, 8, 21),
        birth_place="Tashkent, Uzbekistan",
        nationality="UZ",
        address="Almaty, Tole Bi St 180",
        occupation="owner of a currency exchange",
    )
    nazarov = _person(
        session,
        alm,
        ("Назаров", "Сардор", "Ильхомович", ("Nazarov", "Sardor", "Ilkhomovich")),
        birth_date=date(1990, 2, 11),
        nationality="UZ",
        address="Tashkent, Yunusabad district",
    )
    tursunov = _person(
        session,
        alm,
        ("Турсунов", "Жасур", "Акмалович", ("Tursunov", "Jasur", "Akmalovich")),
        birth_date=date(1988, 9, 5),
        nationality="UZ",
        address="Tashkent, Mirzo Ulugbek district",
    )
    exchange = _company(
        session,
        alm,
        ["ООО «Шёлковый путь обмен»", "Silk Way Exchange LLC"],
        registration_number="305112233",
        jurisdiction="UZ",
        address="Tashkent, Amir Temur Ave 41",
    )
    # Tashkent's own record of the broker: Almaty learns of it only as a hit.
    their_broker = _person(
        session,
        tas,
        ("Исмоилов", "Фаррух", "Баходирович", ("Ismoilov", "Farrux", "Bahodirovich")),
        birth_date=date(1983, 8, 21),
        nationality="UZ",
        occupation="currency exchange",
    )
    session.flush()
    fraud.case_parties.append(
        CaseParty(party=broker, role=PartyRole.SUSPECT, created_at=_at(today - timedelta(days=45)))
    )
    start = _at(group.opened_on)
    group.case_parties += [
        CaseParty(party=broker, role=PartyRole.SUSPECT, created_at=start),
        CaseParty(party=nazarov, role=PartyRole.SUSPECT, created_at=start),
        CaseParty(party=tursunov, role=PartyRole.SUSPECT, created_at=start),
        CaseParty(party=exchange, role=PartyRole.OTHER, created_at=start),
    ]
    tashkent.case_parties.append(
        CaseParty(
            party=their_broker, role=PartyRole.SUSPECT, created_at=_at(today - timedelta(days=30))
        )
    )

    company = session.scalar(
        select(Party).where(Party.office_id == alm.id, Party.registration_number == "190940012345")
    )
    tbilisi = Asset(
        office=alm,
        case=fraud,
        kind=AssetKind.BANK_ACCOUNT,
        identifier="GE29 NB00 0000 0101 9049 17",
        identifier_key="GE29NB0000000101904917",
        description="Current account of Steppe Trade LLP at a Tbilisi bank",
        country_code="GE",
        location="Tbilisi",
        currency="USD",
        status=AssetStatus.IDENTIFIED,
        owners=[AssetOwner(party=company)],
    )
    session.add(tbilisi)
    session.flush()

    treaty = session.scalar(select(Treaty).where(Treaty.code == "UNTOC"))
    reference, seq = next_reference(session, alm, today.year)
    records = Request(
        reference=reference,
        year=today.year,
        seq=seq,
        case=fraud,
        requesting_office=alm,
        requested_office=geo,
        status=RequestStatus.EXECUTED,
        created_by=aigerim,
        created_at=_at(today - timedelta(days=110)),
        channel=Channel.CENTRAL_AUTHORITY,
        assistance_types=["records"],
        subject="Bank records of Steppe Trade LLP's account at a Tbilisi bank",
        proceedings_stage="Pre-trial investigation",
        proceedings_authority="Almaty City Prosecutor's Office, investigative department",
        facts=fraud.summary,
        offences="Art. 190(4) CC RK (fraud); Art. 218(3) CC RK (laundering)",
        purpose="To establish where the refunded VAT went from the Tbilisi account",
        measures=[
            {
                "text": "Provide the statement of account GE29 NB00 0000 0101 9049 17 for 2025",
                "questions": [],
            }
        ],
        languages=["en"],
        sent_at=_at(today - timedelta(days=100)),
        acknowledged_at=_at(today - timedelta(days=95)),
        closed_at=_at(today - timedelta(days=20)),
    )
    session.add(records)
    session.flush()
    if treaty is not None:
        records.legal_bases.append(RequestLegalBasis(treaty=treaty, articles="Art. 18"))
    records.persons.append(RequestParty(party=company, role=PartyRole.OTHER))
    records.assets.append(RequestAsset(asset=tbilisi))
    previous = None
    for action, status, days_ago, actor in [
        ("submit", RequestStatus.PENDING_APPROVAL, 108, aigerim),
        ("approve", RequestStatus.APPROVED, 101, daniyar),
        ("send", RequestStatus.SENT, 100, daniyar),
        ("acknowledge", RequestStatus.RECEIVED, 95, nino),
        ("start", RequestStatus.IN_EXECUTION, 90, nino),
        ("execute", RequestStatus.EXECUTED, 20, nino),
    ]:
        records.history.append(
            StatusChange(
                action=action,
                from_status=previous,
                to_status=status,
                actor=actor,
                changed_at=_at(today - timedelta(days=days_ago)),
                effective_on=today - timedelta(days=days_ago),
            )
        )
        previous = status
    session.flush()
    return True
