"""Reference data for casetrack: countries, offices, treaties and the content rules of requests.

Pure data, loaded into the database by the demo/seed commands and read by the completeness
check. Nothing here imports Flask or SQLAlchemy.

Conventions:

* Country codes are ISO 3166-1 alpha-2; languages are ISO 639-1 codes.
* Office e-mail addresses use the reserved ``.example`` domain: they are placeholders, never
  real mailboxes. Street addresses are given only where publicly known with confidence;
  otherwise the city and country.
* The treaties, the dated facts of who is bound by them and what a request under each must
  contain are in ``casetrack.treaties.data`` (each fact with its source).
"""

from casetrack.treaties import data as _treaty_data

#: Every item key the completeness check knows (see mla.item_checks.CHECKS).
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
    "persons_nationality",
    "persons_residence",
    "persons_birth",
    "persons_particulars",
    "company_name_location",
    "company_details",
    "representatives",
    "service_address",
    "service_document",
    "asset_description",
    "asset_location",
    "asset_value",
    "asset_order",
    "order_extent",
    "third_party_notice",
    "order_finality",
    "freezing_order",
)

REQUIREMENT_CONDITIONS = (
    "always",
    "persons",
    "companies",
    "parties",
    "not_service_only",
    "letters_rogatory",
    "service",
    "seek_confiscation",
    "enforce_order",
    "freeze_or_trace",
)

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

# The treaties, their dated membership facts and content rules live in casetrack.treaties.data.
TREATIES = _treaty_data.TREATIES

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
        "code": "confiscation_order",
        "label_en": "submitting the request to obtain an order of confiscation in the "
        "requested State",
        "label_ru": "передача просьбы компетентным органам запрашиваемого государства для "
        "вынесения постановления о конфискации",
        "article": "UNTOC Art. 13(1)(a)",
    },
    {
        "code": "confiscation_enforcement",
        "label_en": "giving effect to an order of confiscation issued in the requesting State",
        "label_ru": "исполнение постановления о конфискации, вынесенного в запрашивающем "
        "государстве",
        "article": "UNTOC Art. 13(1)(b)",
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
