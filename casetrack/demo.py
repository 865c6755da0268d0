"""The demo network (users, cases, parties, requests) that `flask casetrack demo` loads.

The real directory it builds on (countries, offices, treaties) is ``casetrack.reference``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.auth.services import create_user
from casetrack.mla.numbering import next_reference
from casetrack.models import (
    Asset,
    AssetKind,
    AssetOwner,
    AssetStatus,
    AssetStatusChange,
    Case,
    CaseParty,
    Channel,
    Deadline,
    DeadlineKind,
    DeadlineState,
    IdentityDocument,
    Office,
    Party,
    PartyKind,
    PartyRole,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    RequestStatus,
    Role,
    StatusChange,
    Treaty,
    User,
)
from casetrack.parties.names import set_names

DEMO_PASSWORD = "casetrack-demo-2026"

#: (e-mail, name, office, role, language)
DEMO_USERS = [
    ("aigerim@kz-alm.example", "Aigerim Seitkali", "KZ-ALM", Role.PROSECUTOR, "ru"),
    ("daniyar@kz-gpo.example", "Daniyar Omarov", "KZ-GPO", Role.CENTRAL_AUTHORITY, "en"),
    ("dilnoza@uz-tas.example", "Dilnoza Karimova", "UZ-TAS", Role.PROSECUTOR, "ru"),
    ("bekzod@uz-gpo.example", "Bekzod Rakhimov", "UZ-GPO", Role.CENTRAL_AUTHORITY, "en"),
    ("elchin@az-gpo.example", "Elchin Mammadov", "AZ-GPO", Role.CENTRAL_AUTHORITY, "en"),
    ("nino@ge-pgo.example", "Nino Beridze", "GE-PGO", Role.PROSECUTOR, "en"),
    ("coordinator@network.example", "Network Coordinator", "KG-GPO", Role.COORDINATOR, "en"),
    ("admin@casetrack.example", "System Administrator", "KZ-GPO", Role.ADMIN, "en"),
]


#: How Russian letters sign the demo users' names.
DEMO_NAMES_RU = {
    "aigerim@kz-alm.example": "Сейткали Айгерим",
    "daniyar@kz-gpo.example": "Омаров Данияр",
    "dilnoza@uz-tas.example": "Каримова Дилноза",
    "bekzod@uz-gpo.example": "Рахимов Бекзод",
    "elchin@az-gpo.example": "Мамедов Эльчин",
    "nino@ge-pgo.example": "Беридзе Нино",
}


def load_demo_users(session: Session) -> list[tuple[str, str]]:
    """Create the demo users that are missing; return every demo login."""
    existing = set(session.scalars(select(User.email)))
    for email, name, office, role, language in DEMO_USERS:
        if email not in existing:
            create_user(
                session,
                email=email,
                name=name,
                office_code=office,
                role=role.value,
                password=DEMO_PASSWORD,
                language=language,
            )
    session.flush()
    for user in session.scalars(select(User).where(User.email.in_(list(DEMO_NAMES_RU)))):
        if not user.name_ru:
            user.name_ru = DEMO_NAMES_RU[user.email]
    return [(email, f"{role.value} at {office}") for email, _, office, role, _ in DEMO_USERS]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)


def _person(session, office, surname, given, patronymic, latin, **fields) -> Party:
    party = Party(office=office, kind=PartyKind.PERSON, display_name="", **fields)
    session.add(party)
    set_names(
        party,
        [
            {"surname": surname, "given_name": given, "patronymic": patronymic, "is_primary": True},
            {"surname": latin[0], "given_name": latin[1], "patronymic": latin[2]},
        ],
    )
    return party


def load_demo_network(session: Session, today: date) -> bool:
    """Create the demo cases, parties, assets and requests once; False if they exist."""
    offices = {o.code: o for o in session.scalars(select(Office))}
    users = {u.email: u for u in session.scalars(select(User))}
    alm, tas = offices["KZ-ALM"], offices["UZ-TAS"]
    if session.scalar(
        select(Case.id).where(Case.office_id == alm.id, Case.reference == "DEMO-2026-0147")
    ):
        return False
    aigerim, dilnoza = users["aigerim@kz-alm.example"], users["dilnoza@uz-tas.example"]
    daniyar = users["daniyar@kz-gpo.example"]
    treaties = {t.code: t for t in session.scalars(select(Treaty))}

    fraud = Case(
        office=alm,
        reference="DEMO-2026-0147",
        title="Aliyev network: VAT refund fraud",
        offences="Large-scale fraud; legalisation of criminal proceeds",
        offence_articles="Art. 190(4), Art. 218(3) CC RK",
        summary="Between 2023 and 2025 a group led by T. R. Aliyev obtained VAT refunds for "
        "fictitious exports through shell companies and moved the proceeds to "
        "Uzbekistan and Türkiye.",
        lead_prosecutor=aigerim,
        opened_on=today - timedelta(days=210),
    )
    smuggling = Case(
        office=alm,
        reference="DEMO-2026-0212",
        title="Cross-border cash smuggling",
        offences="Smuggling of cash",
        offence_articles="Art. 234 CC RK",
        summary="Cash couriers crossing at Zhibek Zholy with undeclared US dollars.",
        lead_prosecutor=aigerim,
        opened_on=today - timedelta(days=90),
    )
    tashkent = Case(
        office=tas,
        reference="TAS-45/2026",
        title="Yusupov: embezzlement at a state enterprise",
        offences="Embezzlement",
        offence_articles="Art. 167(3) CC RUz",
        summary="Funds of a state enterprise diverted to a Kazakh company.",
        lead_prosecutor=dilnoza,
        opened_on=today - timedelta(days=150),
    )
    session.add_all([fraud, smuggling, tashkent])

    aliyev = _person(
        session,
        alm,
        "Алиев",
        "Тимур",
        "Рашидович",
        ("Aliyev", "Timur", "Rashidovich"),
        birth_date=date(1979, 4, 12),
        birth_place="г. Шымкент, Казахстан",
        nationality="KZ",
        address="г. Алматы, пр. Абая, д. 150, кв. 23",
        occupation="директор ТОО «Степь Трейд»",
    )
    aliyev.documents.append(
        IdentityDocument(
            kind="iin", number="790412300123", number_key="790412300123", issuing_country="KZ"
        )
    )
    khodjaev = _person(
        session,
        alm,
        "Ходжаев",
        "Бахтиёр",
        "Алишерович",
        ("Xo'jayev", "Baxtiyor", "Alisherovich"),
        birth_date=date(1985, 11, 2),
        birth_place="г. Ташкент, Узбекистан",
        nationality="UZ",
        address="г. Ташкент, Чиланзарский район",
        occupation="индивидуальный предприниматель",
    )
    courier = _person(
        session,
        alm,
        "Жапаров",
        "Нурлан",
        "",
        ("Zhaparov", "Nurlan", ""),
        birth_date=date(1992, 6, 30),
        birth_place="Bishkek, Kyrgyzstan",
        nationality="KG",
        occupation="driver",
    )
    company = Party(
        office=alm,
        kind=PartyKind.COMPANY,
        display_name="",
        registration_number="190940012345",
        tax_id="190940012345",
        jurisdiction="KZ",
        address="г. Алматы, пр. Достык, д. 43",
        bank_details="IBAN KZ86 125K ZT50 0410 0100, АО «Банк ЦентрКредит»",
    )
    session.add(company)
    set_names(
        company,
        [{"full_name": "ТОО «Степь Трейд»", "is_primary": True}, {"full_name": "Steppe Trade LLP"}],
    )
    yusupov = _person(
        session,
        tas,
        "Юсупов",
        "Шерзод",
        "Рустамович",
        ("Yusupov", "Sherzod", "Rustamovich"),
        birth_date=date(1976, 1, 19),
        birth_place="Samarkand, Uzbekistan",
        nationality="UZ",
        occupation="former chief accountant",
    )
    session.flush()
    fraud.case_parties += [
        CaseParty(party=aliyev, role=PartyRole.ACCUSED),
        CaseParty(party=khodjaev, role=PartyRole.SUSPECT),
        CaseParty(party=company, role=PartyRole.OTHER),
    ]
    smuggling.case_parties += [
        CaseParty(party=courier, role=PartyRole.SUSPECT),
        CaseParty(party=aliyev, role=PartyRole.WITNESS),
    ]
    tashkent.case_parties += [CaseParty(party=yusupov, role=PartyRole.ACCUSED)]

    account = Asset(
        office=alm,
        case=fraud,
        kind=AssetKind.BANK_ACCOUNT,
        identifier="UZ21 0000 0000 2020 8000 0000 0001",
        identifier_key="UZ210000000020208000000000001",
        description="Текущий счёт в банке г. Ташкента",
        country_code="UZ",
        location="г. Ташкент",
        estimated_value=Decimal("412000.00"),
        currency="USD",
        status=AssetStatus.FROZEN,
        owners=[AssetOwner(party=khodjaev, share=Decimal("100"))],
        status_changes=[
            AssetStatusChange(
                from_status=None,
                to_status=AssetStatus.IDENTIFIED,
                effective_on=today - timedelta(days=120),
                changed_by=aigerim,
            ),
            AssetStatusChange(
                from_status=AssetStatus.IDENTIFIED,
                to_status=AssetStatus.FROZEN,
                effective_on=today - timedelta(days=40),
                changed_by=aigerim,
                comment="Freezing order of the Almaty district court",
            ),
        ],
    )
    flat = Asset(
        office=alm,
        case=fraud,
        kind=AssetKind.REAL_ESTATE,
        identifier="20-321-045-117",
        identifier_key="20321045117",
        description="Apartment, 142 m²",
        country_code="KZ",
        location="Almaty, Al-Farabi Ave 77, apt 41",
        estimated_value=Decimal("98000000"),
        currency="KZT",
        status=AssetStatus.SEIZED,
        owners=[
            AssetOwner(party=aliyev, share=Decimal("50")),
            AssetOwner(party=company, share=Decimal("50")),
        ],
        status_changes=[
            AssetStatusChange(
                from_status=None,
                to_status=AssetStatus.SEIZED,
                effective_on=today - timedelta(days=60),
                changed_by=aigerim,
            )
        ],
    )
    session.add_all([account, flat])
    session.flush()

    def request(office, requested, case, status, days_ago, **fields) -> Request:
        reference, seq = next_reference(session, office, today.year)
        req = Request(
            reference=reference,
            year=today.year,
            seq=seq,
            case=case,
            requesting_office=office,
            requested_office=requested,
            status=status,
            created_by=fields.pop("author"),
            created_at=_at(today - timedelta(days=days_ago)),
            **fields,
        )
        session.add(req)
        return req

    # Almaty writes its requests in Russian and English (issue 12): the Russian text in the
    # columns, the English one in ``texts``.
    english = {
        "subject": "Pre-trial investigation of large-scale fraud and money laundering",
        "proceedings_stage": "Pre-trial investigation",
        "proceedings_authority": "Almaty City Prosecutor's Office, investigative department",
        "facts": fraud.summary,
        "offences": "Art. 190(4) CC RK (fraud); Art. 218(3) CC RK (laundering)",
        "offence_text": "Article 190. Fraud. … 4. Fraud committed by a criminal group or on an "
        "especially large scale …",
        "damage": "KZT 1,240,000,000 of VAT refunded to the budget's loss",
        "purpose": "To establish the flow of proceeds and identify their final recipients",
    }
    common = dict(
        channel=Channel.CENTRAL_AUTHORITY,
        subject="Досудебное расследование мошенничества в особо крупном размере и легализации "
        "преступных доходов",
        proceedings_stage="Досудебное расследование",
        proceedings_authority="Прокуратура города Алматы, следственное управление",
        facts="В 2023–2025 годах группа лиц под руководством Т. Р. Алиева получала возврат "
        "НДС по фиктивным экспортным операциям через подставные компании и переводила "
        "полученные средства в Узбекистан и Турцию.",
        offences="ч. 4 ст. 190 УК РК (мошенничество); ч. 3 ст. 218 УК РК (легализация)",
        offence_text="Статья 190. Мошенничество. … 4. Мошенничество, совершённое преступной "
        "группой либо в особо крупном размере, …",
        damage="1 240 000 000 тенге возвращённого НДС — ущерб бюджету",
        purpose="Установить движение преступных доходов и их конечных получателей",
        languages=["ru", "en"],
        author=aigerim,
    )
    measures_en = {
        "sent_to_uz": [
            {"text": "Provide statements of account UZ21…0001 for 2023–2025", "questions": []},
            {
                "text": "Question B. A. Xo'jayev as a witness",
                "questions": [
                    "How did you come to open the account?",
                    "Who gave instructions for the transfers?",
                ],
            },
        ],
        "draft": [{"text": "Company registry extract for Caspian Bridge MMC", "questions": []}],
        "to_turkey": [
            {"text": "Bank records of transfers received from Steppe Trade LLP", "questions": []}
        ],
    }
    sent_to_uz = request(
        alm,
        tas,
        fraud,
        RequestStatus.IN_EXECUTION,
        75,
        assistance_types=["records", "tracing_proceeds", "freezing"],
        measures=[
            {"text": "Предоставить выписки по счёту UZ21…0001 за 2023–2025 годы", "questions": []},
            {
                "text": "Допросить Б. А. Ходжаева в качестве свидетеля",
                "questions": [
                    "При каких обстоятельствах был открыт счёт?",
                    "Кто давал указания о переводах?",
                ],
            },
        ],
        execution_requested_on=today - timedelta(days=5),
        counterpart_reference="UZ-TAS/IN/311",
        sent_at=_at(today - timedelta(days=70)),
        acknowledged_at=_at(today - timedelta(days=66)),
        **common,
    )
    draft = request(
        alm,
        offices["AZ-GPO"],
        fraud,
        RequestStatus.DRAFT,
        3,
        assistance_types=["providing_information"],
        measures=[
            {"text": "Выписка из реестра юридических лиц о Caspian Bridge MMC", "questions": []}
        ],
        **{**common, "purpose": ""},
    )
    to_turkey = request(
        alm,
        offices["TR-MOJ"],
        fraud,
        RequestStatus.SENT,
        40,
        assistance_types=["records"],
        sent_at=_at(today - timedelta(days=38)),
        measures=[
            {
                "text": "Банковские документы о переводах, полученных от ТОО «Степь Трейд»",
                "questions": [],
            }
        ],
        **common,
    )
    for req, key in ((sent_to_uz, "sent_to_uz"), (draft, "draft"), (to_turkey, "to_turkey")):
        english_texts = {**english, "measures": measures_en[key]}
        if req is draft:
            english_texts["purpose"] = ""
        req.texts = {"en": english_texts}
    from_uz = request(
        tas,
        alm,
        tashkent,
        RequestStatus.RECEIVED,
        30,
        assistance_types=["taking_evidence"],
        author=dilnoza,
        subject="Embezzlement at a state enterprise",
        proceedings_stage="Investigation",
        proceedings_authority="Tashkent City Prosecutor's Office",
        facts=tashkent.summary,
        offences="Art. 167(3) CC RUz",
        purpose="Evidence for trial",
        measures=[{"text": "Question the director of Steppe Trade LLP", "questions": []}],
        languages=["ru"],
        sent_at=_at(today - timedelta(days=25)),
        acknowledged_at=_at(today - timedelta(days=20)),
    )
    executed = request(
        tas,
        alm,
        tashkent,
        RequestStatus.EXECUTED,
        140,
        assistance_types=["service_of_documents"],
        author=dilnoza,
        subject="Service of a summons",
        facts=tashkent.summary,
        purpose="Summons the witness",
        measures=[{"text": "Serve the enclosed summons", "questions": []}],
        languages=["ru"],
        sent_at=_at(today - timedelta(days=135)),
        acknowledged_at=_at(today - timedelta(days=130)),
        closed_at=_at(today - timedelta(days=100)),
    )
    from_us = request(
        offices["US-OIA"],
        offices["KZ-GPO"],
        None,
        RequestStatus.RECEIVED,
        12,
        assistance_types=["records"],
        author=daniyar,
        is_registered_by_hand=True,
        counterpart_reference="OIA 182-45-1077",
        subject="Wire fraud investigation",
        facts="Proceeds of a business e-mail compromise passed through a Kazakh account.",
        purpose="Evidence for a grand jury",
        languages=["en"],
        measures=[{"text": "Records of account KZ86125KZT5004100100", "questions": []}],
        sent_at=_at(today - timedelta(days=12)),
        acknowledged_at=_at(today - timedelta(days=10)),
    )
    session.flush()

    # Each basis binds its pair on the request's date (casetrack.treaties.binding): Minsk
    # between Kazakhstan and Uzbekistan (Uzbekistan is not bound by Chisinau); towards
    # Azerbaijan, Chisinau replaces Minsk but its date for Azerbaijan is not recorded, so the
    # draft relies on UNTOC; Türkiye is bound by neither CIS convention.
    bases = {sent_to_uz: "MINSK1993", draft: "UNTOC", to_turkey: "UNTOC"}
    for req in (sent_to_uz, draft, to_turkey):
        req.legal_bases.append(RequestLegalBasis(treaty=treaties[bases[req]], articles=""))
        req.persons += [
            RequestParty(party=aliyev, role=PartyRole.ACCUSED),
            RequestParty(party=khodjaev, role=PartyRole.SUSPECT),
        ]
        req.assets.append(RequestAsset(asset=account))
    for req in (from_uz, executed):
        req.legal_bases.append(RequestLegalBasis(treaty=treaties["MINSK1993"], articles=""))
        req.persons.append(RequestParty(party=yusupov, role=PartyRole.ACCUSED))
    from_us.legal_bases.append(RequestLegalBasis(treaty=treaties["UNCAC"], articles="Art. 46"))

    steps = {
        sent_to_uz: [
            ("submit", RequestStatus.PENDING_APPROVAL, 74, aigerim),
            ("approve", RequestStatus.APPROVED, 71, daniyar),
            ("send", RequestStatus.SENT, 70, daniyar),
            ("acknowledge", RequestStatus.RECEIVED, 66, dilnoza),
            ("start", RequestStatus.IN_EXECUTION, 60, dilnoza),
        ],
        to_turkey: [
            ("submit", RequestStatus.PENDING_APPROVAL, 39, aigerim),
            ("approve", RequestStatus.APPROVED, 38, daniyar),
            ("send", RequestStatus.SENT, 38, daniyar),
        ],
        from_uz: [
            ("submit", RequestStatus.PENDING_APPROVAL, 29, dilnoza),
            ("approve", RequestStatus.APPROVED, 26, dilnoza),
            ("send", RequestStatus.SENT, 25, dilnoza),
            ("acknowledge", RequestStatus.RECEIVED, 20, aigerim),
        ],
        executed: [
            ("send", RequestStatus.SENT, 135, dilnoza),
            ("acknowledge", RequestStatus.RECEIVED, 130, aigerim),
            ("start", RequestStatus.IN_EXECUTION, 120, aigerim),
            ("execute", RequestStatus.EXECUTED, 100, aigerim),
        ],
        from_us: [("register", RequestStatus.RECEIVED, 10, daniyar)],
    }
    for req, path in steps.items():
        previous = None
        for action, to_status, days_ago, actor in path:
            req.history.append(
                StatusChange(
                    action=action,
                    from_status=previous,
                    to_status=to_status,
                    actor=actor,
                    changed_at=_at(today - timedelta(days=days_ago)),
                    effective_on=today - timedelta(days=days_ago),
                )
            )
            previous = to_status

    session.add_all(
        [
            Deadline(
                request=sent_to_uz,
                kind=DeadlineKind.RESPONSE_DUE,
                owner_office=tas,
                due_on=today - timedelta(days=5),
                title="Execution requested by",
                rule="requested execution date",
            ),
            Deadline(
                request=to_turkey,
                kind=DeadlineKind.ACKNOWLEDGEMENT,
                owner_office=offices["TR-MOJ"],
                due_on=today - timedelta(days=29),
                title="Acknowledgement of receipt",
                rule="7 business days from the date sent (TR calendar)",
            ),
            Deadline(
                request=to_turkey,
                kind=DeadlineKind.RESPONSE_DUE,
                owner_office=offices["TR-MOJ"],
                due_on=today + timedelta(days=52),
                title="Response due",
                rule="90 calendar days from the date sent",
            ),
            Deadline(
                request=from_uz,
                kind=DeadlineKind.RESPONSE_DUE,
                owner_office=alm,
                owner_user=aigerim,
                due_on=today + timedelta(days=4),
                title="Response due",
                rule="90 calendar days from the date sent",
            ),
            Deadline(
                case=fraud,
                kind=DeadlineKind.CUSTODY_LIMIT,
                owner_office=alm,
                owner_user=aigerim,
                due_on=today + timedelta(days=18),
                title="Custody of T. R. Aliyev ends",
                rule="set by hand",
            ),
            Deadline(
                request=executed,
                kind=DeadlineKind.RESPONSE_DUE,
                owner_office=alm,
                due_on=today - timedelta(days=50),
                title="Response due",
                state=DeadlineState.MET,
                closed_at=_at(today - timedelta(days=100)),
                rule="90 calendar days",
            ),
        ]
    )
    session.flush()
    return True
