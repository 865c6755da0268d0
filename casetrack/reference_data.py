"""Reference data for casetrack: countries, offices, treaties and the content rules of requests.

Pure data, loaded into the database by the demo/seed commands and read by the completeness
check. Nothing here imports Flask or SQLAlchemy.

Conventions:

* Country codes are ISO 3166-1 alpha-2; languages are ISO 639-1 codes.
* Office e-mail addresses use the reserved ``.example`` domain: they are placeholders, never
  real mailboxes. Street addresses are given only where publicly known with confidence;
  otherwise the city and country.
* ``TREATIES[...]["parties"]`` maps a state to the date the treaty entered into force for it
  (the ratification or law date where that is all that is known; such entries are commented).
  The dates come from the depositaries' public records as recalled by the drafter; entries
  marked with a comment should be checked against the UN Treaty Collection, the Council of
  Europe Treaty Office or the CIS Executive Committee's registry before being relied on.
* ``requirements`` list what a request under the treaty must contain, one item key each, with
  the article that requires it. ``condition`` says when the item applies: ``always``, or only
  when the request names ``persons``, ``companies`` or ``assets``, or is ``urgent``.
* The authentic text of the CIS conventions (Minsk 1993, Chisinau 2002) is Russian; their
  sub-paragraphs а), б), в), г), д), е), ж) are cited here as (a) to (g).
"""

from datetime import date

REQUIREMENT_ITEMS = (
    "requesting_authority",
    "requested_authority",
    "case_number",
    "subject",
    "proceedings",
    "facts",
    "offences",
    "offence_text",
    "damage",
    "assistance_sought",
    "purpose",
    "persons_identity",
    "persons_particulars",
    "company_details",
    "asset_description",
    "asset_location",
    "asset_value",
    "asset_order",
    "urgency_reason",
)

REQUIREMENT_CONDITIONS = ("always", "persons", "companies", "assets", "urgent")

COUNTRIES = [
    {"code": "AM", "name_en": "Armenia", "name_ru": "Армения", "languages": ["hy"]},
    {"code": "AZ", "name_en": "Azerbaijan", "name_ru": "Азербайджан", "languages": ["az"]},
    {"code": "GE", "name_en": "Georgia", "name_ru": "Грузия", "languages": ["ka"]},
    {"code": "KZ", "name_en": "Kazakhstan", "name_ru": "Казахстан", "languages": ["kk", "ru"]},
    {"code": "KG", "name_en": "Kyrgyzstan", "name_ru": "Кыргызстан", "languages": ["ky", "ru"]},
    # Russian is the "language of inter-ethnic communication" in Tajikistan, not an official one.
    {"code": "TJ", "name_en": "Tajikistan", "name_ru": "Таджикистан", "languages": ["tg"]},
    {"code": "TM", "name_en": "Turkmenistan", "name_ru": "Туркменистан", "languages": ["tk"]},
    {"code": "UZ", "name_en": "Uzbekistan", "name_ru": "Узбекистан", "languages": ["uz"]},
    {"code": "PK", "name_en": "Pakistan", "name_ru": "Пакистан", "languages": ["ur", "en"]},
    {"code": "UA", "name_en": "Ukraine", "name_ru": "Украина", "languages": ["uk"]},
    {"code": "TR", "name_en": "Türkiye", "name_ru": "Турция", "languages": ["tr"]},
    {
        "code": "US",
        "name_en": "United States",
        "name_ru": "Соединенные Штаты Америки",
        "languages": ["en"],
    },
]

OFFICES = [
    # Kazakhstan
    {
        "code": "KZ-GPO",
        "country": "KZ",
        "kind": "central_authority",
        "name_en": "General Prosecutor's Office of the Republic of Kazakhstan",
        "name_ru": "Генеральная прокуратура Республики Казахстан",
        "name_local": "Қазақстан Республикасының Бас прокуратурасы",
        "address": "Astana, Kazakhstan",
        "email": "mla@kz-gpo.example",
        "parent": None,
        "is_member": True,
    },
    {
        "code": "KZ-AST",
        "country": "KZ",
        "kind": "prosecutor_office",
        "name_en": "Prosecutor's Office of the City of Astana",
        "name_ru": "Прокуратура города Астаны",
        "name_local": "Астана қаласының прокуратурасы",
        "address": "Astana, Kazakhstan",
        "email": "mla@kz-ast.example",
        "parent": "KZ-GPO",
        "is_member": True,
    },
    {
        "code": "KZ-ALM",
        "country": "KZ",
        "kind": "prosecutor_office",
        "name_en": "Prosecutor's Office of the City of Almaty",
        "name_ru": "Прокуратура города Алматы",
        "name_local": "Алматы қаласының прокуратурасы",
        "address": "Almaty, Kazakhstan",
        "email": "mla@kz-alm.example",
        "parent": "KZ-GPO",
        "is_member": True,
    },
    # Uzbekistan
    {
        "code": "UZ-GPO",
        "country": "UZ",
        "kind": "central_authority",
        "name_en": "General Prosecutor's Office of the Republic of Uzbekistan",
        "name_ru": "Генеральная прокуратура Республики Узбекистан",
        "name_local": "Oʻzbekiston Respublikasi Bosh prokuraturasi",
        "address": "66 Yahyo Gulomov Street, Tashkent 100047, Uzbekistan",
        "email": "mla@uz-gpo.example",
        "parent": None,
        "is_member": True,
    },
    {
        "code": "UZ-TAS",
        "country": "UZ",
        "kind": "prosecutor_office",
        "name_en": "Tashkent City Prosecutor's Office",
        "name_ru": "Прокуратура города Ташкента",
        "name_local": "Toshkent shahar prokuraturasi",
        "address": "Tashkent, Uzbekistan",
        "email": "mla@uz-tas.example",
        "parent": "UZ-GPO",
        "is_member": True,
    },
    # Kyrgyzstan
    {
        "code": "KG-GPO",
        "country": "KG",
        "kind": "central_authority",
        "name_en": "General Prosecutor's Office of the Kyrgyz Republic",
        "name_ru": "Генеральная прокуратура Кыргызской Республики",
        "name_local": "Кыргыз Республикасынын Башкы прокуратурасы",
        "address": "Bishkek, Kyrgyzstan",
        "email": "mla@kg-gpo.example",
        "parent": None,
        "is_member": True,
    },
    {
        "code": "KG-BIS",
        "country": "KG",
        "kind": "prosecutor_office",
        "name_en": "Bishkek City Prosecutor's Office",
        "name_ru": "Прокуратура города Бишкек",
        "name_local": "Бишкек шаарынын прокуратурасы",
        "address": "Bishkek, Kyrgyzstan",
        "email": "mla@kg-bis.example",
        "parent": "KG-GPO",
        "is_member": True,
    },
    # Tajikistan
    {
        "code": "TJ-GPO",
        "country": "TJ",
        "kind": "central_authority",
        "name_en": "General Prosecutor's Office of the Republic of Tajikistan",
        "name_ru": "Генеральная прокуратура Республики Таджикистан",
        "name_local": "Прокуратураи генералии Ҷумҳурии Тоҷикистон",
        "address": "Dushanbe, Tajikistan",
        "email": "mla@tj-gpo.example",
        "parent": None,
        "is_member": True,
    },
    {
        "code": "TJ-DUS",
        "country": "TJ",
        "kind": "prosecutor_office",
        "name_en": "Dushanbe City Prosecutor's Office",
        "name_ru": "Прокуратура города Душанбе",
        "name_local": "Прокуратураи шаҳри Душанбе",
        "address": "Dushanbe, Tajikistan",
        "email": "mla@tj-dus.example",
        "parent": "TJ-GPO",
        "is_member": True,
    },
    # Turkmenistan
    {
        "code": "TM-GPO",
        "country": "TM",
        "kind": "central_authority",
        "name_en": "Prosecutor General's Office of Turkmenistan",
        "name_ru": "Генеральная прокуратура Туркменистана",
        "name_local": "Türkmenistanyň Baş prokuraturasy",
        "address": "Ashgabat, Turkmenistan",
        "email": "mla@tm-gpo.example",
        "parent": None,
        "is_member": True,
    },
    # Azerbaijan
    {
        "code": "AZ-GPO",
        "country": "AZ",
        "kind": "central_authority",
        "name_en": "Prosecutor General's Office of the Republic of Azerbaijan",
        "name_ru": "Генеральная прокуратура Азербайджанской Республики",
        "name_local": "Azərbaycan Respublikasının Baş Prokurorluğu",
        "address": "7 Nigar Rafibeyli Street, Baku AZ1001, Azerbaijan",
        "email": "mla@az-gpo.example",
        "parent": None,
        "is_member": True,
    },
    {
        "code": "AZ-BAK",
        "country": "AZ",
        "kind": "prosecutor_office",
        "name_en": "Baku City Prosecutor's Office",
        "name_ru": "Прокуратура города Баку",
        "name_local": "Bakı Şəhər Prokurorluğu",
        "address": "Baku, Azerbaijan",
        "email": "mla@az-bak.example",
        "parent": "AZ-GPO",
        "is_member": True,
    },
    # Armenia
    {
        "code": "AM-PGO",
        "country": "AM",
        "kind": "central_authority",
        "name_en": "Prosecutor General's Office of the Republic of Armenia",
        "name_ru": "Генеральная прокуратура Республики Армения",
        "name_local": "Հայաստանի Հանրապետության գլխավոր դատախազություն",
        "address": "5 Vazgen Sargsyan Street, Yerevan 0010, Armenia",
        "email": "mla@am-pgo.example",
        "parent": None,
        "is_member": True,
    },
    # Georgia
    {
        "code": "GE-PGO",
        "country": "GE",
        "kind": "central_authority",
        "name_en": "Prosecutor's Office of Georgia",
        "name_ru": "Прокуратура Грузии",
        "name_local": "საქართველოს პროკურატურა",
        "address": "24 Gorgasali Street, Tbilisi 0114, Georgia",
        "email": "mla@ge-pgo.example",
        "parent": None,
        "is_member": True,
    },
    {
        "code": "GE-TBS",
        "country": "GE",
        "kind": "prosecutor_office",
        "name_en": "Tbilisi Prosecutor's Office",
        "name_ru": "Прокуратура Тбилиси",
        "name_local": "თბილისის პროკურატურა",
        "address": "Tbilisi, Georgia",
        "email": "mla@ge-tbs.example",
        "parent": "GE-PGO",
        "is_member": True,
    },
    # Pakistan: the Ministry of Interior is the central authority under the Mutual Legal
    # Assistance (Criminal Matters) Act 2020.
    {
        "code": "PK-MOI",
        "country": "PK",
        "kind": "central_authority",
        "name_en": "Ministry of Interior, Government of Pakistan",
        "name_ru": "Министерство внутренних дел Пакистана",
        "name_local": "وزارتِ داخلہ، حکومتِ پاکستان",
        "address": "R Block, Pak Secretariat, Islamabad, Pakistan",
        "email": "mla@pk-moi.example",
        "parent": None,
        "is_member": True,
    },
    # Ukraine
    {
        "code": "UA-OPG",
        "country": "UA",
        "kind": "central_authority",
        "name_en": "Office of the Prosecutor General of Ukraine",
        "name_ru": "Офис Генерального прокурора Украины",
        "name_local": "Офіс Генерального прокурора",
        "address": "13/15 Riznytska Street, Kyiv 01011, Ukraine",
        "email": "mla@ua-opg.example",
        "parent": None,
        "is_member": True,
    },
    # Counterparts that do not work on the system
    {
        "code": "TR-MOJ",
        "country": "TR",
        "kind": "central_authority",
        "name_en": "Ministry of Justice of the Republic of Türkiye",
        "name_ru": "Министерство юстиции Турецкой Республики",
        "name_local": "Türkiye Cumhuriyeti Adalet Bakanlığı",
        "address": "Ankara, Türkiye",
        "email": "mla@tr-moj.example",
        "parent": None,
        "is_member": False,
    },
    {
        "code": "US-OIA",
        "country": "US",
        "kind": "central_authority",
        "name_en": "U.S. Department of Justice, Criminal Division, Office of International Affairs",
        "name_ru": (
            "Министерство юстиции США, Уголовный департамент, Управление по международным делам"
        ),
        "name_local": (
            "U.S. Department of Justice, Criminal Division, Office of International Affairs"
        ),
        # The Department's headquarters; OIA's own office is elsewhere in Washington.
        "address": "950 Pennsylvania Avenue NW, Washington, DC 20530-0001, United States",
        "email": "mla@us-oia.example",
        "parent": None,
        "is_member": False,
    },
]

# Requirements shared word for word by the three UN conventions, whose mutual legal assistance
# articles (UNTOC 18(15), UNCAC 46(15), 1988 Convention 7(10)) list the same items (a) to (f).
_UN_LABELS = {
    "requesting_authority": (
        "identity of the authority making the request",
        "наименование органа, обращающегося с просьбой",
    ),
    "subject": (
        "subject matter and nature of the investigation, prosecution or judicial proceeding "
        "to which the request relates",
        "предмет и характер расследования, уголовного преследования или судебного "
        "разбирательства, к которым относится просьба",
    ),
    "proceedings": (
        "name and functions of the authority conducting the investigation, prosecution or "
        "judicial proceeding",
        "наименование и функции органа, осуществляющего расследование, уголовное "
        "преследование или судебное разбирательство",
    ),
    "facts": (
        "summary of the relevant facts",
        "краткое изложение соответствующих фактов",
    ),
    "assistance_sought": (
        "description of the assistance sought and details of any particular procedure "
        "that the requesting State wishes to be followed",
        "описание запрашиваемой помощи и подробное изложение любой конкретной процедуры, "
        "соблюдение которой хотело бы обеспечить запрашивающее государство",
    ),
    "persons_identity": (
        "where possible, the identity, location and nationality of each person concerned",
        "по возможности, данные о личности, местонахождении и гражданстве каждого "
        "соответствующего лица",
    ),
    "purpose": (
        "purpose for which the evidence, information or action is sought",
        "цель, для которой запрашиваются доказательства, информация или принятие мер",
    ),
    "asset_description": (
        "description of the property to be confiscated, frozen or seized",
        "описание имущества, подлежащего конфискации, замораживанию или аресту",
    ),
    "asset_location": (
        "location of the property",
        "местонахождение имущества",
    ),
    "asset_value": (
        "estimated value of the property, where relevant",
        "оценочная стоимость имущества, когда это уместно",
    ),
    "asset_order": (
        "legally admissible copy of the confiscation or freezing order on which the "
        "request is based",
        "юридически допустимая копия постановления о конфискации или аресте имущества, "
        "на котором основывается просьба",
    ),
}


def _un_requirement(item: str, article: str, condition: str) -> dict:
    label_en, label_ru = _UN_LABELS[item]
    return {
        "item": item,
        "article": article,
        "condition": condition,
        "label_en": label_en,
        "label_ru": label_ru,
    }


def _un_requirements(mla_article: str, assets: dict[str, str]) -> list[dict]:
    """Items (a) to (f) of the convention's MLA article plus its asset-request items."""
    a = mla_article
    return [
        _un_requirement("requesting_authority", f"Art. {a}(a)", "always"),
        _un_requirement("subject", f"Art. {a}(b)", "always"),
        _un_requirement("proceedings", f"Art. {a}(b)", "always"),
        # Sub-paragraph (c) exempts requests made only to serve judicial documents; the
        # system still asks for the facts, as every other request needs them.
        _un_requirement("facts", f"Art. {a}(c)", "always"),
        _un_requirement("assistance_sought", f"Art. {a}(d)", "always"),
        _un_requirement("persons_identity", f"Art. {a}(e)", "persons"),
        _un_requirement("purpose", f"Art. {a}(f)", "always"),
        *(_un_requirement(item, article, "assets") for item, article in assets.items()),
    ]


TREATIES = [
    {
        "code": "UNTOC",
        "title_en": (
            "United Nations Convention against Transnational Organized Crime "
            "(New York, 15 November 2000)"
        ),
        "title_ru": (
            "Конвенция Организации Объединенных Наций против транснациональной "
            "организованной преступности (Нью-Йорк, 15 ноября 2000 года)"
        ),
        "is_multilateral": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # In force 29 September 2003; for later parties on the 30th day after deposit
        # (Art. 38).
        "parties": {
            "AM": date(2003, 9, 29),
            "AZ": date(2003, 11, 29),
            "GE": date(2006, 10, 5),
            "KZ": date(2008, 8, 30),
            "KG": date(2003, 11, 1),
            "TJ": date(2003, 9, 29),
            "TM": date(2005, 4, 27),
            "UZ": date(2004, 1, 8),
            "PK": date(2010, 2, 12),
            "UA": date(2004, 6, 20),
            "TR": date(2003, 9, 29),
            "US": date(2005, 12, 3),
        },
        # Art. 13(3) spells out only the description of the property and the order; its
        # location and estimated value are asked for as UNCAC Art. 55(3)(a) does, since no
        # freezing or confiscation can be executed without them.
        "requirements": _un_requirements(
            "18(15)",
            {
                "asset_description": "Art. 13(3)(a)",
                "asset_location": "Art. 13(3)(a)",
                "asset_value": "Art. 13(3)(a)",
                "asset_order": "Art. 13(3)(b)",
            },
        ),
    },
    {
        "code": "UNCAC",
        "title_en": "United Nations Convention against Corruption (New York, 31 October 2003)",
        "title_ru": (
            "Конвенция Организации Объединенных Наций против коррупции "
            "(Нью-Йорк, 31 октября 2003 года)"
        ),
        "is_multilateral": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # In force 14 December 2005; for later parties on the 30th day after deposit
        # (Art. 68).
        "parties": {
            "AM": date(2007, 4, 7),
            "AZ": date(2005, 12, 14),
            "GE": date(2008, 12, 4),
            "KZ": date(2008, 7, 18),
            "KG": date(2005, 12, 14),
            "TJ": date(2006, 10, 25),
            "TM": date(2005, 12, 14),
            "UZ": date(2008, 8, 28),
            "PK": date(2007, 9, 30),
            "UA": date(2010, 1, 1),
            "TR": date(2006, 12, 9),
            "US": date(2006, 11, 29),
        },
        "requirements": _un_requirements(
            "46(15)",
            {
                "asset_description": "Art. 55(3)(a)",
                "asset_location": "Art. 55(3)(a)",
                "asset_value": "Art. 55(3)(a)",
                "asset_order": "Art. 55(3)(b)",
            },
        ),
    },
    {
        "code": "VIENNA1988",
        "title_en": (
            "United Nations Convention against Illicit Traffic in Narcotic Drugs and "
            "Psychotropic Substances (Vienna, 20 December 1988)"
        ),
        "title_ru": (
            "Конвенция Организации Объединенных Наций о борьбе против незаконного оборота "
            "наркотических средств и психотропных веществ (Вена, 20 декабря 1988 года)"
        ),
        "is_multilateral": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # In force 11 November 1990; for later parties on the 90th day after deposit
        # (Art. 29).
        "parties": {
            "AM": date(1993, 12, 12),
            "AZ": date(1993, 12, 21),
            "GE": date(1998, 4, 8),
            # Date of Kazakhstan's accession law (No. 246); deposit and entry into force
            # came later and are not confirmed here.
            "KZ": date(1998, 6, 29),
            "KG": date(1995, 1, 5),
            "TJ": date(1996, 8, 4),
            "TM": date(1996, 5, 21),
            "UZ": date(1995, 11, 22),
            "PK": date(1992, 1, 23),
            "UA": date(1991, 11, 26),
            "TR": date(1996, 7, 1),
            "US": date(1990, 11, 11),
        },
        # As for UNTOC, location and value are not spelled out in Art. 5(4)(d) but follow
        # from the description of the property to be confiscated or frozen.
        "requirements": _un_requirements(
            "7(10)",
            {
                "asset_description": "Art. 5(4)(d)(i)",
                "asset_location": "Art. 5(4)(d)(i)",
                "asset_value": "Art. 5(4)(d)(i)",
                "asset_order": "Art. 5(4)(d)(ii)",
            },
        ),
    },
    {
        "code": "MINSK1993",
        "title_en": (
            "Convention on Legal Assistance and Legal Relations in Civil, Family and "
            "Criminal Matters (Minsk, 22 January 1993)"
        ),
        "title_ru": (
            "Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и "
            "уголовным делам (Минск, 22 января 1993 года)"
        ),
        "is_multilateral": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # In force 19 May 1994; for later parties on the 30th day after deposit. Between
        # states bound by the Chisinau Convention of 2002, that convention replaces this one
        # (Chisinau Art. 120). Dates other than 19 May 1994 are recalled from the CIS
        # registry and should be checked there.
        "parties": {
            "AM": date(1994, 5, 21),  # unsure of the exact date
            "AZ": date(2004, 7, 11),  # unsure: Azerbaijan joined late; date to be checked
            # Georgia left the CIS in 2009 but, as far as is known, did not denounce this
            # convention and still applies it; unsure.
            "GE": date(1996, 7, 11),
            "KZ": date(1994, 5, 19),
            "KG": date(1996, 2, 17),
            "TJ": date(1994, 6, 20),  # unsure of the exact date
            "TM": date(1995, 2, 19),  # unsure of the exact date
            "UZ": date(1994, 5, 19),
            # Ukraine has not, as far as is known, denounced the convention; unsure whether
            # it still applies it with every party.
            "UA": date(1995, 4, 14),
        },
        "requirements": [
            {
                "item": "requesting_authority",
                "article": "Art. 7(1)(a)",
                "condition": "always",
                "label_en": "name of the requesting institution",
                "label_ru": "наименование запрашивающего учреждения",
            },
            {
                "item": "requested_authority",
                "article": "Art. 7(1)(b)",
                "condition": "always",
                "label_en": "name of the requested institution",
                "label_ru": "наименование запрашиваемого учреждения",
            },
            {
                "item": "case_number",
                "article": "Art. 7(1)(c)",
                "condition": "always",
                "label_en": "name (title and number) of the case in which legal assistance "
                "is requested",
                "label_ru": "наименование (название и номер) дела, по которому запрашивается "
                "правовая помощь",
            },
            {
                # The parents' names "where possible" come from the 1997 Protocol wording
                # as recalled; unsure.
                "item": "persons_particulars",
                "article": "Art. 7(1)(d)",
                "condition": "persons",
                "label_en": "surname and given names, place of residence or stay, citizenship "
                "and occupation of each person concerned and, in criminal cases, the place "
                "and date of birth and, where possible, the names of the parents",
                "label_ru": "фамилия и имя, местожительство или местопребывание, гражданство "
                "и занятие каждого лица, а по уголовным делам также место и дата рождения и, "
                "по возможности, фамилии и имена родителей",
            },
            {
                "item": "company_details",
                "article": "Art. 7(1)(d)",
                "condition": "companies",
                "label_en": "name and location of each legal entity concerned",
                "label_ru": "наименование и местонахождение каждого юридического лица",
            },
            {
                "item": "assistance_sought",
                "article": "Art. 7(1)(f)",
                "condition": "always",
                "label_en": "content of the request: the actions to be carried out",
                "label_ru": "содержание поручения: действия, которые необходимо выполнить",
            },
            {
                "item": "purpose",
                "article": "Art. 7(1)(f)",
                "condition": "always",
                "label_en": "other information needed to execute the request, including "
                "its purpose",
                "label_ru": "другие сведения, необходимые для исполнения поручения, в том "
                "числе его цель",
            },
            {
                "item": "facts",
                "article": "Art. 7(1)(g)",
                "condition": "always",
                "label_en": "description of the act committed",
                "label_ru": "описание совершенного деяния",
            },
            {
                "item": "offences",
                "article": "Art. 7(1)(g)",
                "condition": "always",
                "label_en": "legal qualification of the act committed",
                "label_ru": "квалификация совершенного деяния",
            },
            {
                # Added to sub-paragraph (g) by the Protocol of 28 March 1997 as far as is
                # known; unsure.
                "item": "damage",
                "article": "Art. 7(1)(g)",
                "condition": "always",
                "label_en": "amount of the damage caused by the act, if any",
                "label_ru": "данные о размере ущерба, если он был причинен в результате деяния",
            },
        ],
    },
    {
        "code": "CHISINAU2002",
        "title_en": (
            "Convention on Legal Assistance and Legal Relations in Civil, Family and "
            "Criminal Matters (Chisinau, 7 October 2002)"
        ),
        "title_ru": (
            "Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и "
            "уголовным делам (Кишинев, 7 октября 2002 года)"
        ),
        "is_multilateral": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # Signed by AZ, AM, BY, GE, KZ, KG, MD, RU, TJ and UA; not by TM or UZ. Georgia,
        # Russia and Ukraine have not ratified it. In force on the 30th day after the third
        # ratification; Kazakhstan ratified by law of 10 March 2004 and Kyrgyzstan of
        # 19 March 2004.
        "parties": {
            "AM": date(2005, 4, 21),  # unsure: year recalled, day not confirmed
            "AZ": date(2004, 4, 27),  # unsure of the exact date
            "KZ": date(2004, 4, 27),  # unsure of the exact date
            "KG": date(2004, 4, 27),  # unsure of the exact date
            "TJ": date(2004, 4, 27),  # unsure of the exact date
        },
        "requirements": [
            {
                "item": "requested_authority",
                "article": "Art. 7(1)(a)",
                "condition": "always",
                "label_en": "name of the judicial institution of the requested Party",
                "label_ru": "наименование учреждения юстиции запрашиваемой Договаривающейся "
                "Стороны",
            },
            {
                "item": "requesting_authority",
                "article": "Art. 7(1)(b)",
                "condition": "always",
                "label_en": "name of the judicial institution of the requesting Party",
                "label_ru": "наименование учреждения юстиции запрашивающей Договаривающейся "
                "Стороны",
            },
            {
                "item": "case_number",
                "article": "Art. 7(1)(c)",
                "condition": "always",
                "label_en": "name and number of the case in which legal assistance is requested",
                "label_ru": "наименование и номер дела, по которому запрашивается правовая помощь",
            },
            {
                "item": "persons_particulars",
                "article": "Art. 7(1)(d)",
                "condition": "persons",
                "label_en": "surname, given name and patronymic, date and place of birth, "
                "place of residence, citizenship and occupation of each person concerned",
                "label_ru": "фамилия, имя, отчество, дата и место рождения, место жительства, "
                "гражданство и род деятельности каждого лица",
            },
            {
                "item": "company_details",
                "article": "Art. 7(1)(d)",
                "condition": "companies",
                "label_en": "name, registered address or location, bank details and tax "
                "(fiscal) codes of each legal entity concerned",
                "label_ru": "наименование, юридический адрес или местонахождение, банковские "
                "реквизиты и фискальные коды каждого юридического лица",
            },
            {
                "item": "assistance_sought",
                "article": "Art. 7(1)(g)",
                "condition": "always",
                "label_en": "content of the request: the actions to be carried out",
                "label_ru": "содержание поручения: действия, которые необходимо выполнить",
            },
            {
                "item": "purpose",
                "article": "Art. 7(1)(g)",
                "condition": "always",
                "label_en": "other information needed to execute the request, including "
                "its purpose",
                "label_ru": "другие сведения, необходимые для исполнения поручения, в том "
                "числе его цель",
            },
            # The criminal-case items below are cited as paragraph 2 of Art. 7 as recalled;
            # unsure of the paragraph number.
            {
                "item": "facts",
                "article": "Art. 7(2)",
                "condition": "always",
                "label_en": "description of the factual circumstances of the act committed",
                "label_ru": "описание фактических обстоятельств совершенного деяния",
            },
            {
                "item": "offences",
                "article": "Art. 7(2)",
                "condition": "always",
                "label_en": "legal qualification of the act committed",
                "label_ru": "квалификация совершенного деяния",
            },
            {
                "item": "offence_text",
                "article": "Art. 7(2)",
                "condition": "always",
                "label_en": "text of the relevant articles of the law of the requesting Party",
                "label_ru": "текст соответствующих статей закона запрашивающей "
                "Договаривающейся Стороны",
            },
            {
                "item": "damage",
                "article": "Art. 7(2)",
                "condition": "always",
                "label_en": "where possible, the amount of the damage caused by the act",
                "label_ru": "по возможности, сведения о размере ущерба, причиненного деянием",
            },
        ],
    },
    {
        "code": "COE1959",
        "title_en": (
            "European Convention on Mutual Assistance in Criminal Matters "
            "(Strasbourg, 20 April 1959)"
        ),
        "title_ru": (
            "Европейская конвенция о взаимной правовой помощи по уголовным делам "
            "(Страсбург, 20 апреля 1959 года)"
        ),
        "is_multilateral": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # In force for each party 90 days after its ratification (Art. 27). None of the
        # Central Asian states, Pakistan or the United States is a party.
        "parties": {
            "AM": date(2002, 4, 25),
            "AZ": date(2003, 6, 13),  # unsure of the exact date
            "GE": date(2000, 1, 11),  # unsure of the exact date
            "UA": date(1998, 6, 9),
            "TR": date(1969, 9, 22),
        },
        "requirements": [
            {
                "item": "requesting_authority",
                "article": "Art. 14(1)(a)",
                "condition": "always",
                "label_en": "authority making the request",
                "label_ru": "орган, от которого исходит просьба",
            },
            {
                "item": "assistance_sought",
                "article": "Art. 14(1)(b)",
                "condition": "always",
                "label_en": "object of the request",
                "label_ru": "предмет просьбы",
            },
            {
                "item": "purpose",
                "article": "Art. 14(1)(b)",
                "condition": "always",
                "label_en": "reason for the request",
                "label_ru": "основание просьбы",
            },
            {
                "item": "persons_identity",
                "article": "Art. 14(1)(c), (d)",
                "condition": "persons",
                "label_en": "where possible, the identity and nationality of the person "
                "concerned and, where necessary, the name and address of the person to be "
                "served",
                "label_ru": "по возможности, личность и гражданство соответствующего лица, "
                "а при необходимости — фамилия, имя и адрес лица, которому вручаются документы",
            },
            # Art. 14(2) requires the offence and the facts in letters rogatory (Arts. 3 to
            # 5), not in requests only for service; the system asks for them in every request.
            {
                "item": "offences",
                "article": "Art. 14(2)",
                "condition": "always",
                "label_en": "the offence to which the request relates",
                "label_ru": "преступление, в связи с которым направляется просьба",
            },
            {
                "item": "facts",
                "article": "Art. 14(2)",
                "condition": "always",
                "label_en": "summary of the facts",
                "label_ru": "краткое изложение фактов",
            },
            {
                "item": "urgency_reason",
                "article": "Art. 15(2)",
                "condition": "urgent",
                "label_en": "reason for urgency, where letters rogatory are sent directly "
                "between judicial authorities",
                "label_ru": "причина срочности, если судебное поручение направляется "
                "непосредственно между судебными органами",
            },
        ],
    },
]

ASSISTANCE_TYPES = [
    {
        "code": "taking_evidence",
        "label_en": "taking evidence or statements from persons",
        "label_ru": "получение свидетельских показаний или заявлений",
        "article": "UNTOC Art. 18(3)(a)",
    },
    {
        "code": "service_of_documents",
        "label_en": "effecting service of judicial documents",
        "label_ru": "вручение судебных документов",
        "article": "UNTOC Art. 18(3)(b)",
    },
    {
        "code": "search_and_seizure",
        "label_en": "executing searches and seizures",
        "label_ru": "проведение обысков и выемок",
        "article": "UNTOC Art. 18(3)(c)",
    },
    {
        "code": "freezing",
        "label_en": "freezing of property",
        "label_ru": "арест (замораживание) имущества",
        "article": "UNTOC Art. 18(3)(c)",
    },
    {
        "code": "examining_objects",
        "label_en": "examining objects and sites",
        "label_ru": "осмотр объектов и участков местности",
        "article": "UNTOC Art. 18(3)(d)",
    },
    {
        "code": "providing_information",
        "label_en": "providing information, evidentiary items and expert evaluations",
        "label_ru": "предоставление информации, вещественных доказательств и оценок экспертов",
        "article": "UNTOC Art. 18(3)(e)",
    },
    {
        "code": "records",
        "label_en": "providing originals or certified copies of relevant documents and "
        "records, including government, bank, financial, corporate or business records",
        "label_ru": "предоставление подлинников или заверенных копий документов и материалов, "
        "включая правительственные, банковские, финансовые, корпоративные или коммерческие "
        "документы",
        "article": "UNTOC Art. 18(3)(f)",
    },
    {
        "code": "tracing_proceeds",
        "label_en": "identifying or tracing proceeds of crime, property, instrumentalities or "
        "other things for evidentiary purposes",
        "label_ru": "выявление или отслеживание доходов от преступлений, имущества, орудий "
        "преступления или других предметов для целей доказывания",
        "article": "UNTOC Art. 18(3)(g)",
    },
    {
        "code": "appearance_of_persons",
        "label_en": "facilitating the voluntary appearance of persons in the requesting State",
        "label_ru": "содействие добровольной явке лиц в запрашивающее государство",
        "article": "UNTOC Art. 18(3)(h)",
    },
    {
        "code": "asset_recovery",
        "label_en": "recovery of assets",
        "label_ru": "возвращение активов",
        "article": "UNCAC Art. 46(3)(k)",
    },
    {
        "code": "other",
        "label_en": "any other type of assistance not contrary to the law of the requested State",
        "label_ru": "любые другие виды помощи, не противоречащие внутреннему законодательству "
        "запрашиваемого государства",
        "article": "UNTOC Art. 18(3)(i)",
    },
]

REFUSAL_GROUNDS = [
    {
        "code": "dual_criminality",
        "label_en": "absence of dual criminality",
        "label_ru": "отсутствие двойной преступности деяния",
    },
    {
        "code": "political_offence",
        "label_en": "political offence or offence connected with a political offence",
        "label_ru": "политическое преступление или преступление, связанное с политическим",
    },
    {
        "code": "ne_bis_in_idem",
        "label_en": "ne bis in idem: final judgment already given for the same acts",
        "label_ru": "ne bis in idem: по тем же деяниям уже вынесено окончательное решение",
    },
    {
        "code": "essential_interests",
        "label_en": "prejudice to sovereignty, security, public order or other essential interests",
        "label_ru": "ущерб суверенитету, безопасности, публичному порядку или другим "
        "существенным интересам",
    },
    {
        "code": "insufficient_information",
        "label_en": "request not made in conformity with the applicable treaty or lacking "
        "necessary information",
        "label_ru": "просьба не соответствует применимому договору или не содержит "
        "необходимых сведений",
    },
    {
        "code": "other",
        "label_en": "other grounds",
        "label_ru": "иные основания",
    },
]


#: Each office's address in Russian and its place of signature in English, Russian and the
#: local language (issue 12: a Russian letter prints "Место: Алматы", not "Almaty"). Kept
#: apart from OFFICES so that the demo can fill offices loaded before these existed.
OFFICE_PLACES = {
    "KZ-GPO": ("Астана, Казахстан", "Astana", "Астана", "Астана"),
    "KZ-AST": ("Астана, Казахстан", "Astana", "Астана", "Астана"),
    "KZ-ALM": ("Алматы, Казахстан", "Almaty", "Алматы", "Алматы"),
    "UZ-GPO": (
        "ул. Яхьё Гуломова, 66, Ташкент, 100047, Узбекистан",
        "Tashkent",
        "Ташкент",
        "Toshkent",
    ),
    "UZ-TAS": ("Ташкент, Узбекистан", "Tashkent", "Ташкент", "Toshkent"),
    "KG-GPO": ("Бишкек, Кыргызстан", "Bishkek", "Бишкек", "Бишкек"),
    "KG-BIS": ("Бишкек, Кыргызстан", "Bishkek", "Бишкек", "Бишкек"),
    "TJ-GPO": ("Душанбе, Таджикистан", "Dushanbe", "Душанбе", "Душанбе"),
    "TJ-DUS": ("Душанбе, Таджикистан", "Dushanbe", "Душанбе", "Душанбе"),
    "TM-GPO": ("Ашхабад, Туркменистан", "Ashgabat", "Ашхабад", "Aşgabat"),
    "AZ-GPO": (
        "ул. Нигяр Рафибейли, 7, Баку, AZ1001, Азербайджан",
        "Baku",
        "Баку",
        "Bakı",
    ),
    "AZ-BAK": ("Баку, Азербайджан", "Baku", "Баку", "Bakı"),
    "AM-PGO": ("ул. Вазгена Саргсяна, 5, Ереван, 0010, Армения", "Yerevan", "Ереван", "Երևան"),
    "GE-PGO": ("ул. Горгасали, 24, Тбилиси, 0114, Грузия", "Tbilisi", "Тбилиси", "თბილისი"),
    "GE-TBS": ("Тбилиси, Грузия", "Tbilisi", "Тбилиси", "თბილისი"),
    "PK-MOI": (
        "Пакистанский секретариат, блок R, Исламабад, Пакистан",
        "Islamabad",
        "Исламабад",
        "Islamabad",
    ),
    "UA-OPG": ("ул. Резницкая, 13/15, Киев, 01011, Украина", "Kyiv", "Киев", "Київ"),
    "TR-MOJ": ("Анкара, Турция", "Ankara", "Анкара", "Ankara"),
    "US-OIA": (
        "950 Пенсильвания-авеню, северо-запад, Вашингтон, округ Колумбия, 20530-0001, США",
        "Washington, DC",
        "Вашингтон",
        "Washington, DC",
    ),
}
