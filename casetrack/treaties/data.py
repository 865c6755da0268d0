"""The treaty law casetrack relies on: instruments, dated membership facts with their sources,
declarations that matter for cooperation, replacement between instruments, and what a request
under each instrument must contain — item by item, with its paragraph, condition and strength.

Pure data; ``casetrack.treaties.loader`` writes it into the database. Rules of this file:

* Every fact names its source (document, article, date). A fact that could not be sourced is
  LEFT OUT and listed in the README's "Legal bases" section; nothing here is guessed.
* Where a status list shows a state bound but the date it became bound is not recorded, the
  fact is ``in_force_confirmed`` on the date of that check: casetrack then treats the
  instrument as binding from that date only (never earlier).
* Dates derived by an instrument's own rule (e.g. "the 30th day after deposit") say so in
  their note, with the rule's article.
* ``requirements`` follow the article texts. ``strength`` is ``required`` (blocks submission)
  or one of the texts' qualifiers (``where_possible``, ``to_the_extent_possible``,
  ``where_available``, ``where_relevant``) or ``if_any`` / ``if_caused`` (the text demands the
  item only where there are any / if damage was caused — facts casetrack cannot see, so it
  reminds and never blocks). ``is_ours`` marks a casetrack rule that no treaty states.
* The authentic text of the CIS conventions (Minsk 1993, Chisinau 2002) is Russian: their
  sub-paragraphs а), б), в), г), д), е), ж) are written (a) to (g) here and printed in Cyrillic
  in Russian citations.
"""

from __future__ import annotations

from datetime import date

#: The day issue 11 checked casetrack's treaty table against the depositaries' status lists.
CHECKED_ON = date(2026, 12, 1)

# --- sources -------------------------------------------------------------------------------

FIELD_NOTES = (
    "casetrack FIELD_NOTES, «Treaty law» (checked against published texts and status lists)"
)
CARRIED = (
    "casetrack's treaty table before issue 11; issue 11 checked the table against the "
    "status lists and reported no error in this entry"
)
ISSUE_11 = "issue 11, treaty table checked against the status lists"
UNTC_UNTOC = "UN Treaty Collection, MTDSG chapter XVIII-12, status as at 4 May 2024"
UNTC_UNCAC = "UN Treaty Collection, MTDSG chapter XVIII-14, status list (published copy)"
COE_TREATY_OFFICE = "Council of Europe Treaty Office, ETS No. 030, declarations"
CHISINAU_TEXT = (
    "Chisinau Convention of 7 October 2002, Art. 7(1), Russian text "
    "(pavlodar.com/zakon, dok=02003); the later paragraphs of Art. 7 as in casetrack's earlier "
    "table, cited without paragraph"
)
MINSK_TEXT = (
    "Minsk Convention of 22 January 1993 as amended by the Protocol of 28 March 1997, Art. 7: "
    "items as FIELD_NOTES and SPEC §3 read it and a textbook summary of Art. 7 "
    "(library201097.narod.ru); sub-paragraph letters as in casetrack's earlier table"
)
UN_TEXTS = "UNTOC Arts 13(3), 18(15); UNCAC Arts 46(15), 55(3); 1988 Convention Arts 5(4), 7(10)"
COE_TEXT = "European Convention on Mutual Assistance in Criminal Matters, Arts 14 and 15"
KZ_LAW_531 = (
    "Law of the Republic of Kazakhstan No. 531 of 10 March 2004 (adilet.zan.kz, Z040000531_)"
)
KG_LAW_29 = "Law of the Kyrgyz Republic No. 29 of 19 March 2004 (cbd.minjust.gov.kg, act 17401)"
UA_LAW_240 = "Law of Ukraine No. 240/94-ВР of 10 November 1994 (minjust.gov.ua/m/4281)"
UA_LAW_2783 = "Law of Ukraine No. 2783-IX of 1 December 2022"
KZ_LAW_246 = "Law of the Republic of Kazakhstan No. 246 of 29 June 1998 (accession)"


def _fact(kind: str, on: date | None, source: str, **extra) -> dict:
    """One dated membership fact; ``source_article`` and ``source_date`` where known."""
    return {
        "kind": kind,
        "on": on,
        "source_document": source,
        "source_article": extra.pop("article", ""),
        "source_date": extra.pop("source_date", None),
        "act": extra.pop("act", ""),
        "effective_on": extra.pop("effective_on", None),
        "towards": extra.pop("towards", ""),
        "casetrack_ends_on": extra.pop("casetrack_ends_on", None),
        "note": extra.pop("note", ""),
        **extra,
    }


def _in_force(on: date, source: str = CARRIED, **extra) -> dict:
    return _fact("entry_into_force", on, source, **extra)


def _confirmed(note: str = "date of entry into force not recorded") -> dict:
    return _fact("in_force_confirmed", CHECKED_ON, ISSUE_11, source_date=CHECKED_ON, note=note)


# --- who is bound, with what facts --------------------------------------------------------

#: treaty code → state → facts, oldest first.
MEMBERSHIP: dict[str, dict[str, list[dict]]] = {
    "UNTOC": {
        "AM": [
            _fact("deposit", date(2003, 7, 1), UNTC_UNTOC, note="ratification"),
            _in_force(
                date(2003, 9, 29),
                UNTC_UNTOC,
                article="Art. 38(1)",
                note="the Convention's own entry into force (deposit before it)",
            ),
        ],
        "AZ": [
            _fact("deposit", date(2003, 10, 30), UNTC_UNTOC, note="ratification"),
            _in_force(
                date(2003, 11, 29),
                UNTC_UNTOC,
                article="Art. 38(2)",
                note="30th day after the deposit",
            ),
        ],
        "GE": [_in_force(date(2006, 10, 5))],
        "KZ": [_in_force(date(2008, 8, 30))],
        "KG": [_in_force(date(2003, 11, 1))],
        "TJ": [_in_force(date(2003, 9, 29))],
        "TM": [_in_force(date(2005, 4, 27))],
        "UZ": [_in_force(date(2004, 1, 8))],
        "PK": [_in_force(date(2010, 2, 12))],
        "UA": [_in_force(date(2004, 6, 20))],
        "TR": [_in_force(date(2003, 9, 29))],
        "US": [_in_force(date(2005, 12, 3))],
    },
    "UNCAC": {
        "AM": [
            _fact("signature", date(2005, 5, 19), UNTC_UNCAC),
            _fact("deposit", date(2007, 3, 8), UNTC_UNCAC, note="ratification"),
            _in_force(
                date(2007, 4, 7), UNTC_UNCAC, article="Art. 68(2)", note="30th day after deposit"
            ),
        ],
        "AZ": [
            _fact("signature", date(2004, 2, 27), UNTC_UNCAC),
            _fact("deposit", date(2005, 11, 1), UNTC_UNCAC, note="ratification"),
            _in_force(
                date(2005, 12, 14),
                UNTC_UNCAC,
                article="Art. 68(1)",
                note="the Convention's own entry into force (deposit before it)",
            ),
        ],
        "GE": [_in_force(date(2008, 12, 4))],
        "KZ": [_in_force(date(2008, 7, 18))],
        "KG": [_in_force(date(2005, 12, 14))],
        "TJ": [_in_force(date(2006, 10, 25))],
        "TM": [_in_force(date(2005, 12, 14))],
        "UZ": [_in_force(date(2008, 8, 28))],
        "PK": [_in_force(date(2007, 9, 30))],
        "UA": [_in_force(date(2010, 1, 1))],
        "TR": [_in_force(date(2006, 12, 9))],
        "US": [_in_force(date(2006, 11, 29))],
    },
    "VIENNA1988": {
        "AM": [_in_force(date(1993, 12, 12))],
        "AZ": [_in_force(date(1993, 12, 21))],
        "GE": [_in_force(date(1998, 4, 8))],
        # 29 June 1998 is the accession law's date, not the entry into force (the 90th day
        # after the deposit, Art. 29(2)); the deposit date is not recorded.
        "KZ": [
            _fact(
                "act",
                date(1998, 6, 29),
                KZ_LAW_246,
                act="Law No. 246 of 29 June 1998 on accession",
                note="domestic act; the Convention binds from the 90th day after the deposit "
                "(Art. 29(2)), whose date is not recorded",
            ),
            _confirmed("date of deposit and of entry into force not recorded"),
        ],
        "KG": [_in_force(date(1995, 1, 5))],
        "TJ": [_in_force(date(1996, 8, 4))],
        "TM": [_in_force(date(1996, 5, 21))],
        "UZ": [_in_force(date(1995, 11, 22))],
        "PK": [_in_force(date(1992, 1, 23))],
        "UA": [_in_force(date(1991, 11, 26))],
        "TR": [_in_force(date(1996, 7, 1))],
        "US": [_in_force(date(1990, 11, 11))],
    },
    "MINSK1993": {
        "AM": [_confirmed()],
        "AZ": [_confirmed()],
        "GE": [
            _in_force(date(1996, 7, 11)),
            _fact(
                "notification",
                date(2008, 8, 19),
                FIELD_NOTES,
                note="Georgia told the CIS that the CIS multilateral treaties it consented to "
                "remain in force for it after leaving the CIS",
            ),
        ],
        "KZ": [_in_force(date(1994, 5, 19))],
        "KG": [_in_force(date(1996, 2, 17))],
        "TJ": [_confirmed()],
        "TM": [_confirmed()],
        "UZ": [_in_force(date(1994, 5, 19))],
        "UA": [
            _fact(
                "act",
                date(1994, 11, 10),
                UA_LAW_240,
                act="Law No. 240/94-ВР of 10 November 1994 (ratification with reservations)",
            ),
            _in_force(date(1995, 4, 14)),
            _fact(
                "suspension",
                date(2022, 12, 1),
                UA_LAW_2783,
                act="Law No. 2783-IX of 1 December 2022",
                towards="RU, BY",
                source_date=date(2022, 12, 1),
                note="suspends the Convention towards Russia and Belarus",
            ),
            _fact(
                "withdrawal",
                date(2022, 12, 1),
                UA_LAW_2783,
                act="Law No. 2783-IX of 1 December 2022",
                article="Minsk Convention Art. 84",
                source_date=date(2022, 12, 1),
                # Art. 84: the withdrawal takes effect 12 months after the depositary is
                # notified; the notification date was not found, so the effective date is
                # not recorded.
                effective_on=None,
                casetrack_ends_on=date(2022, 12, 1),
                note="withdraws Ukraine from the Convention and its 1997 Protocol. The date the "
                "depositary was notified (Art. 84: effect 12 months later) is not recorded; "
                "casetrack's rule: not proposed for Ukraine from the date of the law, as "
                "Ukraine's legal database marks the Convention no longer in force",
            ),
        ],
    },
    "CHISINAU2002": {
        "AM": [
            _fact("signature", date(2002, 10, 7), KZ_LAW_531, note="list of signatories"),
            _fact("deposit", date(2005, 1, 21), FIELD_NOTES),
            _in_force(
                date(2005, 2, 19),
                FIELD_NOTES,
                article="Art. 120(2)",
                note="derived: 30th day after the deposit, counted as for Kazakhstan "
                "(deposit 29 March 2004, in force 27 April 2004)",
            ),
        ],
        "AZ": [
            _fact(
                "signature",
                date(2002, 10, 7),
                KZ_LAW_531,
                note="signed with a «special opinion» (FIELD_NOTES)",
            ),
            _confirmed(),
        ],
        "GE": [_fact("signature", date(2002, 10, 7), KZ_LAW_531, note="list of signatories")],
        "KZ": [
            _fact("signature", date(2002, 10, 7), KZ_LAW_531, note="list of signatories"),
            _fact("act", date(2004, 3, 10), KZ_LAW_531, act="Law No. 531 of 10 March 2004"),
            _fact("deposit", date(2004, 3, 29), FIELD_NOTES),
            _in_force(date(2004, 4, 27), FIELD_NOTES, article="Art. 120(2)"),
        ],
        "KG": [
            _fact("signature", date(2002, 10, 7), KZ_LAW_531, note="list of signatories"),
            _fact("act", date(2004, 3, 19), KG_LAW_29, act="Law No. 29 of 19 March 2004"),
            _fact("deposit", date(2004, 9, 2), FIELD_NOTES),
            _in_force(
                date(2004, 10, 1),
                FIELD_NOTES,
                article="Art. 120(2)",
                note="derived: 30th day after the deposit, counted as for Kazakhstan "
                "(deposit 29 March 2004, in force 27 April 2004)",
            ),
        ],
        "TJ": [
            _fact("signature", date(2002, 10, 7), KZ_LAW_531, note="list of signatories"),
            _confirmed(),
        ],
        "UA": [_fact("signature", date(2002, 10, 7), KZ_LAW_531, note="list of signatories")],
    },
    "COE1959": {
        "AM": [_in_force(date(2002, 4, 25))],
        "AZ": [
            _fact("deposit", date(2003, 7, 4), FIELD_NOTES),
            _in_force(
                date(2003, 10, 2), FIELD_NOTES, article="Art. 27(3)", note="90 days after deposit"
            ),
        ],
        "GE": [_confirmed()],
        "UA": [_in_force(date(1998, 6, 9))],
        "TR": [_in_force(date(1969, 9, 22))],
    },
    "KZUZ1997": {
        "KZ": [
            _fact("signature", date(1997, 6, 2), FIELD_NOTES, note="Almaty"),
            _in_force(date(1998, 11, 29), FIELD_NOTES),
        ],
        "UZ": [
            _fact("signature", date(1997, 6, 2), FIELD_NOTES, note="Almaty"),
            _in_force(date(1998, 11, 29), FIELD_NOTES),
        ],
    },
}

#: Instruments that replace others between the states bound by both.
REPLACEMENTS = [
    {
        "treaty": "CHISINAU2002",
        "replaces": "MINSK1993",
        "article": "Art. 120(3)",
        "source_document": FIELD_NOTES,
        "note": "Between states for which the Chisinau Convention is in force, the Minsk "
        "Convention and its 1997 Protocol cease to apply; they still apply towards a state "
        "for which the Chisinau Convention is not in force (Art. 120(4)).",
    }
]

#: Declarations and reservations that matter for cooperation.
DECLARATIONS = [
    {
        "treaty": "COE1959",
        "country": "GE",
        "kind": "languages",
        "article": "Art. 16",
        "languages": ["en", "ru"],
        "text_en": "Requests and annexed documents in English or Russian.",
        "text_ru": "Просьбы и прилагаемые документы — на английском или русском языке.",
        "source_document": COE_TREATY_OFFICE + " (as summarised in FIELD_NOTES)",
    },
    {
        "treaty": "COE1959",
        "country": "AM",
        "kind": "languages",
        "article": "Art. 16",
        "languages": ["hy", "en", "fr"],
        "text_en": "Requests in Armenian or an official language of the Council of Europe "
        "(English, French); a request in Russian needs a translation.",
        "text_ru": "Просьбы — на армянском языке или на официальном языке Совета Европы "
        "(английском, французском); к просьбе на русском языке нужен перевод.",
        "source_document": COE_TREATY_OFFICE + " (as summarised in FIELD_NOTES)",
    },
    {
        "treaty": "COE1959",
        "country": "UA",
        "kind": "other",
        "article": "Art. 7",
        "languages": [],
        "text_en": "A summons must reach Ukraine at least 40 days before the appearance.",
        "text_ru": "Повестка должна поступить не позднее чем за 40 дней до явки.",
        "source_document": COE_TREATY_OFFICE + " (as summarised in FIELD_NOTES)",
    },
    {
        "treaty": "COE1959",
        "country": "TR",
        "kind": "other",
        "article": "Art. 7",
        "languages": [],
        "text_en": "A summons must reach Türkiye at least 40 days before the appearance.",
        "text_ru": "Повестка должна поступить не позднее чем за 40 дней до явки.",
        "source_document": COE_TREATY_OFFICE + " (as summarised in FIELD_NOTES)",
    },
    {
        "treaty": "COE1959",
        "country": "AZ",
        "kind": "territorial",
        "article": "",
        "languages": [],
        "text_en": "Azerbaijan cannot guarantee the application of the Convention in the "
        "territories it does not control.",
        "text_ru": "Азербайджан не может гарантировать применение Конвенции на территориях, "
        "которые он не контролирует.",
        "source_document": COE_TREATY_OFFICE + " (as summarised in FIELD_NOTES)",
    },
    {
        "treaty": "UNTOC",
        "country": "UA",
        "kind": "central_authority",
        "article": "Art. 18(13)",
        "languages": [],
        "text_en": "Central authorities: the Ministry of Justice (court matters) and the Office "
        "of the Prosecutor General (investigations).",
        "text_ru": "Центральные органы: Министерство юстиции (по судебным делам) и Офис "
        "Генерального прокурора (по делам на стадии расследования).",
        "source_document": "UN Treaty Collection, XVIII-12, declarations of Ukraine "
        "(as summarised in FIELD_NOTES)",
    },
    {
        "treaty": "UNTOC",
        "country": "UA",
        "kind": "languages",
        "article": "Art. 18(14)",
        "languages": ["uk", "ru", "en", "fr"],
        "text_en": "Requests with a translation into Ukrainian, Russian, English or French.",
        "text_ru": "Просьбы — с переводом на украинский, русский, английский или французский язык.",
        "source_document": "UN Treaty Collection, XVIII-12, declarations of Ukraine "
        "(as summarised in FIELD_NOTES)",
    },
]

# --- what a request must contain -----------------------------------------------------------


def _req(item, article, condition, strength, label_en, label_ru, **extra) -> dict:
    return {
        "item": item,
        "article": article,
        "condition": condition,
        "strength": strength,
        "label_en": label_en,
        "label_ru": label_ru,
        "is_ours": extra.pop("is_ours", False),
        "note": extra.pop("note", ""),
    }


def _un_requirements(a: str, assets: list[dict]) -> list[dict]:
    """Items (a) to (f) of UNTOC 18(15), UNCAC 46(15) and Vienna 7(10), which read alike."""
    return [
        _req(
            "requesting_authority",
            f"Art. {a}(a)",
            "always",
            "required",
            "identity of the authority making the request",
            "наименование органа, обращающегося с просьбой",
        ),
        _req(
            "subject",
            f"Art. {a}(b)",
            "always",
            "required",
            "subject matter and nature of the investigation, prosecution or judicial proceeding",
            "предмет и характер расследования, уголовного преследования или судебного "
            "разбирательства",
        ),
        _req(
            "proceedings",
            f"Art. {a}(b)",
            "always",
            "required",
            "name and functions of the authority conducting the investigation, prosecution or "
            "judicial proceeding",
            "наименование и функции органа, осуществляющего расследование, уголовное "
            "преследование или судебное разбирательство",
        ),
        _req(
            "facts",
            f"Art. {a}(c)",
            "not_service_only",
            "required",
            "summary of the relevant facts (not asked of a request for service of judicial "
            "documents)",
            "краткое изложение соответствующих фактов (кроме просьб о вручении судебных "
            "документов)",
        ),
        _req(
            "assistance_sought",
            f"Art. {a}(d)",
            "always",
            "required",
            "description of the assistance sought",
            "описание запрашиваемой помощи",
        ),
        _req(
            "persons_identity",
            f"Art. {a}(e)",
            "persons",
            "where_possible",
            "identity, location and nationality of each person concerned",
            "данные о личности, местонахождении и гражданстве каждого соответствующего лица",
        ),
        _req(
            "purpose",
            f"Art. {a}(f)",
            "always",
            "required",
            "purpose for which the evidence, information or action is sought",
            "цель, для которой запрашиваются доказательства, информация или принятие мер",
        ),
        *assets,
    ]


def _asset_description(article: str) -> dict:
    return _req(
        "asset_description",
        article,
        "seek_confiscation",
        "required",
        "description of the property to be confiscated",
        "описание имущества, подлежащего конфискации",
    )


def _order_copy(article: str) -> dict:
    return _req(
        "asset_order",
        article,
        "enforce_order",
        "required",
        "legally admissible copy of the confiscation order to be enforced",
        "юридически допустимая копия постановления о конфискации, подлежащего исполнению",
    )


def _order_extent(article: str) -> dict:
    return _req(
        "order_extent",
        article,
        "enforce_order",
        "required",
        "information as to the extent to which execution of the order is requested",
        "сведения о том, в каком объеме запрашивается исполнение постановления",
    )


_CIS_CASE = [
    _req(
        "case_number",
        "Art. 7(1)(c)",
        "always",
        "required",
        "name of the case in which legal assistance is requested",
        "наименование дела, по которому запрашивается правовая помощь",
    ),
]

TREATIES = [
    {
        "code": "UNTOC",
        "requirements_source": UN_TEXTS,
        "title_en": "United Nations Convention against Transnational Organized Crime "
        "(New York, 15 November 2000)",
        "title_ru": "Конвенция Организации Объединенных Наций против транснациональной "
        "организованной преступности (Нью-Йорк, 15 ноября 2000 года)",
        "short_en": "the United Nations Convention against Transnational Organized Crime",
        "short_ru": "Конвенции ООН против транснациональной организованной преступности",
        "letters": "latin",
        "is_multilateral": True,
        "has_content_rules": True,
        "default_response_days": None,
        "default_days_are_business": False,
        "requirements": _un_requirements(
            "18(15)",
            [
                _asset_description("Art. 13(3)(a)"),
                _order_copy("Art. 13(3)(b)"),
                _order_extent("Art. 13(3)(b)"),
            ],
        ),
    },
    {
        "code": "UNCAC",
        "requirements_source": UN_TEXTS,
        "title_en": "United Nations Convention against Corruption (New York, 31 October 2003)",
        "title_ru": "Конвенция Организации Объединенных Наций против коррупции "
        "(Нью-Йорк, 31 октября 2003 года)",
        "short_en": "the United Nations Convention against Corruption",
        "short_ru": "Конвенции ООН против коррупции",
        "letters": "latin",
        "is_multilateral": True,
        "has_content_rules": True,
        "default_response_days": None,
        "default_days_are_business": False,
        "requirements": _un_requirements(
            "46(15)",
            [
                _asset_description("Art. 55(3)(a)"),
                _req(
                    "asset_location",
                    "Art. 55(3)(a)",
                    "seek_confiscation",
                    "to_the_extent_possible",
                    "location of the property to be confiscated",
                    "местонахождение имущества, подлежащего конфискации",
                ),
                _req(
                    "asset_value",
                    "Art. 55(3)(a)",
                    "seek_confiscation",
                    "where_relevant",
                    "estimated value of the property to be confiscated",
                    "оценочная стоимость имущества, подлежащего конфискации",
                ),
                _order_copy("Art. 55(3)(b)"),
                _order_extent("Art. 55(3)(b)"),
                _req(
                    "third_party_notice",
                    "Art. 55(3)(b)",
                    "enforce_order",
                    "required",
                    "statement of the measures taken to notify bona fide third parties and to "
                    "ensure due process",
                    "заявление о мерах, принятых для надлежащего уведомления добросовестных "
                    "третьих сторон и обеспечения надлежащей правовой процедуры",
                ),
                _req(
                    "order_finality",
                    "Art. 55(3)(b)",
                    "enforce_order",
                    "required",
                    "statement that the confiscation order is final",
                    "заявление о том, что постановление о конфискации является окончательным",
                ),
                _req(
                    "freezing_order",
                    "Art. 55(3)(c)",
                    "freeze_or_trace",
                    "where_available",
                    "legally admissible copy of an order on which the request is based",
                    "юридически допустимая копия постановления, на котором основывается просьба",
                ),
            ],
        ),
    },
    {
        "code": "VIENNA1988",
        "requirements_source": UN_TEXTS,
        "title_en": "United Nations Convention against Illicit Traffic in Narcotic Drugs and "
        "Psychotropic Substances (Vienna, 20 December 1988)",
        "title_ru": "Конвенция Организации Объединенных Наций о борьбе против незаконного оборота "
        "наркотических средств и психотропных веществ (Вена, 20 декабря 1988 года)",
        "short_en": "the United Nations Convention against Illicit Traffic in Narcotic Drugs "
        "and Psychotropic Substances of 1988",
        "short_ru": "Конвенции ООН о борьбе против незаконного оборота наркотических средств и "
        "психотропных веществ 1988 г.",
        "letters": "latin",
        "is_multilateral": True,
        "has_content_rules": True,
        "default_response_days": None,
        "default_days_are_business": False,
        "requirements": _un_requirements(
            "7(10)",
            [
                _asset_description("Art. 5(4)(d)(i)"),
                _order_copy("Art. 5(4)(d)(ii)"),
                _order_extent("Art. 5(4)(d)(ii)"),
            ],
        ),
    },
    {
        "code": "MINSK1993",
        "requirements_source": MINSK_TEXT,
        "title_en": "Convention on Legal Assistance and Legal Relations in Civil, Family and "
        "Criminal Matters (Minsk, 22 January 1993)",
        "title_ru": "Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и "
        "уголовным делам (Минск, 22 января 1993 года)",
        "short_en": "the Minsk Convention of 1993",
        "short_ru": "Минской конвенции 1993 г.",
        "letters": "cyrillic",
        "is_multilateral": True,
        "has_content_rules": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # Sub-paragraph letters as in casetrack's earlier table; the items as FIELD_NOTES and
        # SPEC §3 read Art. 7. The service items' paragraph of Art. 7 is not recorded.
        "requirements": [
            _req(
                "requesting_authority",
                "Art. 7(1)(a)",
                "always",
                "required",
                "name of the requesting institution",
                "наименование запрашивающего учреждения",
            ),
            _req(
                "requested_authority",
                "Art. 7(1)(b)",
                "always",
                "required",
                "name of the requested institution",
                "наименование запрашиваемого учреждения",
            ),
            *_CIS_CASE,
            _req(
                "persons_residence",
                "Art. 7(1)(d)",
                "persons",
                "required",
                "names, place of residence or stay, citizenship and occupation of each person",
                "имена и фамилии, местожительство (местопребывание), гражданство и занятие "
                "каждого лица",
            ),
            _req(
                "persons_birth",
                "Art. 7(1)(d)",
                "persons",
                "where_possible",
                "place and date of birth of each person (criminal cases)",
                "место и дата рождения каждого лица (по уголовным делам)",
            ),
            _req(
                "company_name_location",
                "Art. 7(1)(d)",
                "companies",
                "required",
                "name and location of each legal person",
                "наименование и местонахождение каждого юридического лица",
            ),
            _req(
                "representatives",
                "Art. 7(1)(e)",
                "parties",
                "if_any",
                "names and addresses of the persons' representatives, where there are any",
                "имена, фамилии и адреса представителей лиц, при их наличии",
            ),
            _req(
                "assistance_sought",
                "Art. 7(1)(f)",
                "always",
                "required",
                "content of the request",
                "содержание поручения",
            ),
            _req(
                "facts",
                "Art. 7(1)(g)",
                "always",
                "required",
                "description of the act committed",
                "описание совершенного деяния",
            ),
            _req(
                "offences",
                "Art. 7(1)(g)",
                "always",
                "required",
                "legal qualification of the act committed",
                "квалификация совершенного деяния",
            ),
            _req(
                "damage",
                "Art. 7(1)(g)",
                "always",
                "if_caused",
                "amount of the damage, if the act caused damage",
                "данные о размере ущерба, если он был причинен в результате деяния",
            ),
            _req(
                "service_address",
                "Art. 7",
                "service",
                "required",
                "exact address of the recipient of the documents to be served",
                "точный адрес получателя вручаемых документов",
            ),
            _req(
                "service_document",
                "Art. 7",
                "service",
                "required",
                "name of each document to be served",
                "наименование вручаемого документа",
            ),
        ],
    },
    {
        "code": "CHISINAU2002",
        "requirements_source": CHISINAU_TEXT,
        "title_en": "Convention on Legal Assistance and Legal Relations in Civil, Family and "
        "Criminal Matters (Chisinau, 7 October 2002)",
        "title_ru": "Конвенция о правовой помощи и правовых отношениях по гражданским, семейным и "
        "уголовным делам (Кишинев, 7 октября 2002 года)",
        "short_en": "the Chisinau Convention of 2002",
        "short_ru": "Кишинёвской конвенции 2002 г.",
        "letters": "cyrillic",
        "is_multilateral": True,
        "has_content_rules": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # Art. 7(1)(a)-(g) as read in CHISINAU_TEXT; the criminal-case and service items come
        # later in Art. 7, whose paragraph numbers were not read: cited as "Art. 7".
        "requirements": [
            _req(
                "requested_authority",
                "Art. 7(1)(a)",
                "always",
                "required",
                "name of the judicial institution of the requested Party",
                "наименование учреждения юстиции запрашиваемой Договаривающейся Стороны",
            ),
            _req(
                "requesting_authority",
                "Art. 7(1)(b)",
                "always",
                "required",
                "name of the judicial institution of the requesting Party",
                "наименование учреждения юстиции запрашивающей Договаривающейся Стороны",
            ),
            _req(
                "case_number",
                "Art. 7(1)(c)",
                "always",
                "required",
                "name and number of the case in which legal assistance is requested",
                "наименование и номер дела, по которому запрашивается правовая помощь",
            ),
            _req(
                "persons_particulars",
                "Art. 7(1)(d)",
                "persons",
                "required",
                "surname, given name, patronymic, date and place of birth, place of residence, "
                "citizenship and occupation of each natural person",
                "фамилия, имя, отчество, дата и место рождения, место жительства, гражданство, "
                "род деятельности каждого физического лица",
            ),
            _req(
                "company_details",
                "Art. 7(1)(d)",
                "companies",
                "required",
                "name, registered address or location, bank details and fiscal codes of each "
                "legal person",
                "наименование, юридический адрес или местонахождение, банковские реквизиты и "
                "фискальные коды каждого юридического лица",
            ),
            _req(
                "representatives",
                "Art. 7(1)(e)",
                "parties",
                "if_any",
                "surnames, given names, patronymics and addresses of the representatives of "
                "the persons, where there are any",
                "при наличии представителей указанных лиц — их фамилии, имена, отчества и адреса",
            ),
            _req(
                "assistance_sought",
                "Art. 7(1)(g)",
                "always",
                "required",
                "content of the request and other information needed to execute it",
                "содержание поручения, а также другие сведения, необходимые для его исполнения",
            ),
            _req(
                "facts",
                "Art. 7",
                "always",
                "required",
                "description of the factual circumstances of the act (criminal cases)",
                "описание фактических обстоятельств совершенного деяния (по уголовным делам)",
            ),
            _req(
                "offences",
                "Art. 7",
                "always",
                "required",
                "legal qualification of the act (criminal cases)",
                "квалификация совершенного деяния (по уголовным делам)",
            ),
            _req(
                "offence_text",
                "Art. 7",
                "always",
                "required",
                "text of the relevant article of the law of the requesting Party",
                "текст соответствующей статьи закона запрашивающей Договаривающейся Стороны",
            ),
            _req(
                "damage",
                "Art. 7",
                "always",
                "where_possible",
                "amount of the damage caused by the act",
                "сведения о размере ущерба, причиненного деянием",
            ),
            _req(
                "service_address",
                "Art. 7",
                "service",
                "required",
                "exact address of the recipient of the documents to be served",
                "точный адрес получателя вручаемых документов",
            ),
            _req(
                "service_document",
                "Art. 7",
                "service",
                "required",
                "name of each document to be served",
                "наименование вручаемого документа",
            ),
        ],
    },
    {
        "code": "COE1959",
        "requirements_source": COE_TEXT,
        "title_en": "European Convention on Mutual Assistance in Criminal Matters "
        "(Strasbourg, 20 April 1959)",
        "title_ru": "Европейская конвенция о взаимной правовой помощи по уголовным делам "
        "(Страсбург, 20 апреля 1959 года)",
        "short_en": "the European Convention on Mutual Assistance in Criminal Matters of 1959",
        "short_ru": "Европейской конвенции о взаимной правовой помощи по уголовным делам 1959 г.",
        "letters": "latin",
        "is_multilateral": True,
        "has_content_rules": True,
        "default_response_days": None,
        "default_days_are_business": False,
        # Art. 15(2) lets urgent letters rogatory go directly between judicial authorities and
        # asks no stated reason: no item comes from it.
        "requirements": [
            _req(
                "requesting_authority",
                "Art. 14(1)(a)",
                "always",
                "required",
                "the authority making the request",
                "орган, от которого исходит просьба",
            ),
            _req(
                "assistance_sought",
                "Art. 14(1)(b)",
                "always",
                "required",
                "the object of the request",
                "предмет просьбы",
            ),
            _req(
                "purpose",
                "Art. 14(1)(b)",
                "always",
                "required",
                "the reason for the request",
                "основание просьбы",
            ),
            _req(
                "persons_nationality",
                "Art. 14(1)(c)",
                "persons",
                "where_possible",
                "identity and nationality of the person concerned",
                "личность и гражданство соответствующего лица",
            ),
            _req(
                "service_address",
                "Art. 14(1)(d)",
                "service",
                "required",
                "name and address of the person to be served",
                "фамилия, имя и адрес лица, которому вручаются документы",
                note="the text says «where necessary»: necessary for service",
            ),
            _req(
                "offences",
                "Art. 14(2)",
                "letters_rogatory",
                "required",
                "the offence (letters rogatory under Articles 3 to 5)",
                "преступление (судебные поручения по статьям 3–5)",
            ),
            _req(
                "facts",
                "Art. 14(2)",
                "letters_rogatory",
                "required",
                "summary of the facts (letters rogatory under Articles 3 to 5)",
                "краткое изложение фактов (судебные поручения по статьям 3–5)",
            ),
        ],
    },
    {
        "code": "KZUZ1997",
        "requirements_source": "",
        "title_en": "Treaty between the Republic of Kazakhstan and the Republic of Uzbekistan "
        "on legal assistance in civil and criminal matters (Almaty, 2 June 1997)",
        "title_ru": "Договор между Республикой Казахстан и Республикой Узбекистан о правовой "
        "помощи по гражданским и уголовным делам (Алматы, 2 июня 1997 года)",
        "short_en": "the Treaty between Kazakhstan and Uzbekistan on legal assistance of 1997",
        "short_ru": "Договора между Республикой Казахстан и Республикой Узбекистан о правовой "
        "помощи 1997 г.",
        "letters": "cyrillic",
        "is_multilateral": False,
        # The treaty's article on the content of a request has not been read: casetrack
        # records no item for it and reminds the drafter to check the text.
        "has_content_rules": False,
        "default_response_days": None,
        "default_days_are_business": False,
        "requirements": [],
    },
]

#: Items that are casetrack's own rules, not any treaty's (SPEC §3).
OUR_RULES = [
    {
        "item": "legal_basis",
        "label_en": "legal basis: a treaty that binds both states, or reciprocity",
        "label_ru": "правовое основание: договор, обязательный для обоих государств, или "
        "взаимность",
    },
    {
        "item": "signatory",
        "label_en": "the signatory of the request (its printed signature block)",
        "label_ru": "лицо, подписывающее запрос (блок подписи печатного запроса)",
    },
]
