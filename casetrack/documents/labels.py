"""The words printed on formal documents, in English and in Russian.

Documents are not translated through gettext: a side-by-side document needs both languages
at once, whatever the reader's interface language. Every language has the same keys (a test
holds them equal). User-written text is never looked up here; it prints as written.
"""

from __future__ import annotations

from casetrack import labels as enum_labels
from casetrack.models import (
    AssetKind,
    AssetStatus,
    Channel,
    DeadlineKind,
    PartyRole,
    RefusalGround,
)
from casetrack.reference_data import ASSISTANCE_TYPES

LANGUAGES = ("en", "ru")
#: The values of ?lang=: one language, or both side by side.
DOCUMENT_LANGUAGES = ("en", "ru", "en-ru")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # titles of the four documents
        "title_request": "Request for mutual legal assistance in a criminal matter",
        "title_acknowledgement": "Acknowledgement of receipt of a request for mutual legal "
        "assistance",
        "title_reminder": "Reminder: request for mutual legal assistance awaiting a response",
        "title_execution": "Execution of a request for mutual legal assistance",
        "title_refusal": "Refusal of a request for mutual legal assistance",
        "title_partial": "Partial execution of a request for mutual legal assistance",
        # letter frame
        "our_reference": "Our reference",
        "your_reference": "Your reference",
        "date": "Date",
        "from": "From",
        "to": "To",
        "not_given": "not given",
        "not_provided": "not provided",
        "page": "Page",
        "of": "of",
        "draft": "DRAFT",
        "draft_notice": "Draft for review, not issued. It has no legal effect.",
        "signature": "Signature",
        "seal": "Official seal",
        "place": "Place",
        # request sections
        "requesting_authority": "Requesting authority",
        "requested_authority": "Requested authority",
        "reference": "Reference",
        "counterpart_reference": "Reference of the requested authority",
        "case_number": "Case number",
        "legal_basis": "Legal basis",
        "reciprocity": "Principle of reciprocity (no treaty applies between the two States)",
        "articles": "Articles",
        "channel": "Channel of transmission",
        "urgency": "Urgency",
        "urgent": "URGENT",
        "urgent_text": "The request is urgent. Reason:",
        "not_urgent": "The request is not marked urgent.",
        "confidentiality": "Confidentiality",
        "confidential_text": "The requesting authority asks that the request, its contents and "
        "the fact of its receipt be kept confidential, except to the extent necessary to "
        "execute it. If the requested authority cannot comply with this, it is asked to "
        "inform the requesting authority without delay.",
        "not_confidential_text": "The requesting authority does not ask for confidentiality "
        "beyond what the law of the requested State provides.",
        "speciality": "Use of the information (speciality)",
        "speciality_text": "The requesting authority undertakes not to transmit or use the "
        "information or evidence furnished by the requested authority for investigations, "
        "prosecutions or judicial proceedings other than those stated in this request "
        "without the prior consent of the requested authority.",
        "no_speciality_text": "No undertaking of speciality is given with this request.",
        "subject": "Subject of the request",
        "proceedings": "Proceedings and the authority conducting them",
        "proceedings_stage": "Stage of the proceedings",
        "proceedings_authority": "Authority conducting the proceedings",
        "facts": "Summary of the facts",
        "offences": "Offences and their legal qualification",
        "offence_text_ref": "The full text of the cited provisions is given in Annex A.",
        "damage": "Damage caused",
        "representatives": "Representatives of the persons concerned",
        "service_address": "Exact address of the recipient",
        "service_documents": "Documents to be served",
        "order_extent": "Extent to which execution of the confiscation order is requested",
        "third_party_notice": "Notice to bona fide third parties and due process",
        "order_finality": "Finality of the confiscation order",
        "persons": "Persons concerned",
        "companies": "Legal entities concerned",
        "assets": "Property concerned",
        "assistance_sought": "Assistance sought",
        "assistance_types": "Types of assistance",
        "measures": "Measures requested",
        "questions": "Questions to be put",
        "procedures": "Procedures to be followed",
        "purpose": "Purpose and relevance of the assistance",
        "execution_date": "Requested date of execution",
        "no_execution_date": "As soon as possible.",
        "languages": "Language of the request and of the reply",
        "annexes": "Annexes",
        "annex_offence_text": "Annex A. Text of the provisions cited",
        "annex_list_offence_text": "Annex A: text of the provisions cited",
        "pages_count": "pages",
        "no_annexes": "No further annexes.",
        "requirements": "Items required by the legal basis",
        "requirement": "Item",
        "requirement_basis": "Required by",
        "requirement_section": "Section",
        "missing": "Missing",
        "missing_note": "The following items that the legal basis requires are missing:",
        # persons and assets tables
        "role": "Role",
        "names": "Names and spellings",
        "birth": "Date and place of birth",
        "nationality": "Nationality",
        "address": "Address",
        "occupation": "Occupation",
        "identity_documents": "Identity documents",
        "registration": "Registration number",
        "tax_id": "Tax identification number",
        "jurisdiction": "State of registration",
        "bank_details": "Bank details",
        "asset_kind": "Kind",
        "identifier": "Identifier",
        "description": "Description",
        "location": "Location",
        "estimated_value": "Estimated value",
        "owners": "Owners",
        "status": "Status",
        # letters
        "dear": "Dear Colleagues,",
        "regards": "Yours faithfully,",
        "ack_body": "We acknowledge receipt of your request for mutual legal assistance "
        "referenced above, concerning:",
        "ack_received_on": "Date of receipt",
        "ack_registered": "The request has been registered under our reference given above. "
        "Please quote it in any further correspondence.",
        "ack_execution": "The request has been passed for execution. We will inform you of the "
        "outcome and of any circumstances that may delay its execution.",
        "reminder_body": "We refer to our request for mutual legal assistance referenced above, "
        "sent on",
        "reminder_subject": "concerning:",
        "reminder_overdue": "We have not yet received from you:",
        "awaited": "Not yet received",
        "awaited_since": "Awaited since",
        "days_waiting": "Days since our request was sent",
        "deadline_kind": "Time limit",
        "due_on": "Due on",
        "days_overdue": "Days overdue",
        "reminder_ask": "We would be grateful if you could inform us of the state of execution "
        "of the request and, where possible, of the expected date of execution.",
        "reminder_urgent": "We recall that the request is urgent.",
        "execution_body": "We refer to your request for mutual legal assistance referenced "
        "above, concerning:",
        "execution_done": "We inform you that the request has been executed.",
        "execution_partial": "We inform you that the request has been partially executed.",
        "execution_enclosed": "The materials obtained in its execution are enclosed.",
        "execution_on": "Date of execution",
        "refusal_done": "We regret to inform you that the request cannot be executed.",
        "refusal_grounds": "Grounds for refusal",
        "refusal_comment": "Explanation",
        "refusal_return": "The request and its annexes are returned herewith.",
        "sent_on": "Sent on",
        "unknown_date": "date not recorded",
        # issue 12: what the letters carry
        "copy_of": "Copy of the request sent on",
        "page_one": "page",
        "ack_registered_as": "The request has been registered under No.",
        "ack_registered_on": "of",
        "ack_quote": "Please quote this number in any further correspondence.",
        "ack_registered_plain": "The request has been registered. Its registration number will "
        "be communicated separately.",
        "registration_number": "Registration number",
        "registration_date": "Date of registration",
        "outcomes": "Execution of the measures requested",
        "measure": "Measure",
        "measure_result": "Result",
        "measure_note": "Note",
        "measure_enclosures": "Enclosures",
        "enclosures": "Enclosures",
        "enclosures_none": "No material is enclosed.",
        "execution_comment": "Comment",
        "refusal_provision": "Provision relied on",
        "annex_requirements": "Annex B. Items required by the legal basis and where they are "
        "found in this request",
        "sha256": "SHA-256",
    },
    "ru": {
        "title_request": "Запрос о правовой помощи по уголовному делу",
        "title_acknowledgement": "Подтверждение получения запроса о правовой помощи",
        "title_reminder": "Напоминание о запросе о правовой помощи, ожидающем ответа",
        "title_execution": "Об исполнении запроса о правовой помощи",
        "title_refusal": "Об отказе в исполнении запроса о правовой помощи",
        "title_partial": "О частичном исполнении запроса о правовой помощи",
        "our_reference": "Наш исх. №",
        "your_reference": "Ваш исх. №",
        "date": "Дата",
        "from": "От",
        "to": "Кому",
        "not_given": "не указан",
        "not_provided": "не указано",
        "page": "Страница",
        "of": "из",
        "draft": "ПРОЕКТ",
        "draft_notice": "Проект для согласования, не подписан. Юридической силы не имеет.",
        "signature": "Подпись",
        "seal": "Гербовая печать",
        "place": "Место",
        "requesting_authority": "Запрашивающий орган",
        "requested_authority": "Запрашиваемый орган",
        "reference": "Исходящий номер",
        "counterpart_reference": "Номер запрашиваемого органа",
        "case_number": "Номер дела",
        "legal_basis": "Правовое основание",
        "reciprocity": "Принцип взаимности (договор между двумя государствами не применяется)",
        "articles": "Статьи",
        "channel": "Канал передачи",
        "urgency": "Срочность",
        "urgent": "СРОЧНО",
        "urgent_text": "Запрос является срочным. Причина:",
        "not_urgent": "Запрос не отмечен как срочный.",
        "confidentiality": "Конфиденциальность",
        "confidential_text": "Запрашивающий орган просит сохранить в тайне запрос, его "
        "содержание и факт его получения, за исключением того, что необходимо для его "
        "исполнения. Если запрашиваемый орган не может выполнить это условие, просим без "
        "промедления сообщить об этом запрашивающему органу.",
        "not_confidential_text": "Запрашивающий орган не просит о конфиденциальности сверх "
        "предусмотренной законодательством запрашиваемого государства.",
        "speciality": "Использование сведений (принцип специальности)",
        "speciality_text": "Запрашивающий орган обязуется не передавать и не использовать "
        "сведения или доказательства, полученные от запрашиваемого органа, для "
        "расследований, уголовного преследования или судебного разбирательства, иных чем "
        "указанные в настоящем запросе, без предварительного согласия запрашиваемого органа.",
        "no_speciality_text": "Обязательство о соблюдении принципа специальности не даётся.",
        "subject": "Предмет запроса",
        "proceedings": "Производство и осуществляющий его орган",
        "proceedings_stage": "Стадия производства",
        "proceedings_authority": "Орган, осуществляющий производство",
        "facts": "Краткое изложение обстоятельств дела",
        "offences": "Преступления и их юридическая квалификация",
        "offence_text_ref": "Полный текст приведённых статей содержится в приложении А.",
        "damage": "Причинённый ущерб",
        "representatives": "Представители указанных лиц",
        "service_address": "Точный адрес получателя",
        "service_documents": "Вручаемые документы",
        "order_extent": "Объем, в котором запрашивается исполнение постановления о конфискации",
        "third_party_notice": "Уведомление добросовестных третьих лиц и надлежащая процедура",
        "order_finality": "Окончательный характер постановления о конфискации",
        "persons": "Лица, к которым относится запрос",
        "companies": "Юридические лица, к которым относится запрос",
        "assets": "Имущество, к которому относится запрос",
        "assistance_sought": "Запрашиваемая помощь",
        "assistance_types": "Виды помощи",
        "measures": "Запрашиваемые действия",
        "questions": "Вопросы, подлежащие выяснению",
        "procedures": "Порядок исполнения",
        "purpose": "Цель и значение запрашиваемой помощи",
        "execution_date": "Желательный срок исполнения",
        "no_execution_date": "В возможно короткий срок.",
        "languages": "Язык запроса и ответа",
        "annexes": "Приложения",
        "annex_offence_text": "Приложение А. Текст приведённых статей",
        "annex_list_offence_text": "Приложение А: текст приведённых статей",
        "pages_count": "л.",
        "no_annexes": "Иных приложений нет.",
        "requirements": "Сведения, требуемые правовым основанием",
        "requirement": "Сведения",
        "requirement_basis": "Требование",
        "requirement_section": "Раздел",
        "missing": "Отсутствует",
        "missing_note": "Отсутствуют следующие сведения, требуемые правовым основанием:",
        "role": "Процессуальное положение",
        "names": "Имена и написания",
        "birth": "Дата и место рождения",
        "nationality": "Гражданство",
        "address": "Адрес",
        "occupation": "Род занятий",
        "identity_documents": "Документы, удостоверяющие личность",
        "registration": "Регистрационный номер",
        "tax_id": "Идентификационный номер налогоплательщика",
        "jurisdiction": "Государство регистрации",
        "bank_details": "Банковские реквизиты",
        "asset_kind": "Вид",
        "identifier": "Идентификатор",
        "description": "Описание",
        "location": "Местонахождение",
        "estimated_value": "Оценочная стоимость",
        "owners": "Владельцы",
        "status": "Статус",
        "dear": "Уважаемые коллеги!",
        "regards": "С уважением,",
        "ack_body": "Подтверждаем получение Вашего запроса о правовой помощи, указанного выше, "
        "по вопросу:",
        "ack_received_on": "Дата получения",
        "ack_registered": "Запрос зарегистрирован под указанным выше нашим номером. Просим "
        "ссылаться на него в дальнейшей переписке.",
        "ack_execution": "Запрос направлен для исполнения. О результатах и обо всех "
        "обстоятельствах, которые могут задержать исполнение, мы сообщим дополнительно.",
        "reminder_body": "Ссылаемся на наш запрос о правовой помощи, указанный выше, направленный",
        "reminder_subject": "по вопросу:",
        "reminder_overdue": "От Вас до настоящего времени не получены:",
        "awaited": "Не получено",
        "awaited_since": "Ожидается с",
        "days_waiting": "Дней с даты направления запроса",
        "deadline_kind": "Срок",
        "due_on": "Дата истечения",
        "days_overdue": "Просрочено дней",
        "reminder_ask": "Просим сообщить о ходе исполнения запроса и, по возможности, об "
        "ожидаемой дате его исполнения.",
        "reminder_urgent": "Напоминаем, что запрос является срочным.",
        "execution_body": "Ссылаемся на ваш запрос о правовой помощи, указанный выше, по вопросу:",
        "execution_done": "Сообщаем, что запрос исполнен.",
        "execution_partial": "Сообщаем, что запрос исполнен частично.",
        "execution_enclosed": "Материалы, полученные в ходе исполнения, прилагаются.",
        "execution_on": "Дата исполнения",
        "refusal_done": "С сожалением сообщаем, что запрос не может быть исполнен.",
        "refusal_grounds": "Основания отказа",
        "refusal_comment": "Пояснение",
        "refusal_return": "Запрос и приложения к нему возвращаются.",
        "sent_on": "Направлен",
        "unknown_date": "дата не указана",
        "copy_of": "Копия запроса, направленного",
        "page_one": "л.",
        "ack_registered_as": "Запрос зарегистрирован за №",
        "ack_registered_on": "от",
        "ack_quote": "Просим указывать этот номер в дальнейшей переписке.",
        "ack_registered_plain": "Запрос зарегистрирован. Регистрационный номер будет сообщён "
        "дополнительно.",
        "registration_number": "Регистрационный номер",
        "registration_date": "Дата регистрации",
        "outcomes": "Исполнение запрошенных действий",
        "measure": "Действие",
        "measure_result": "Результат",
        "measure_note": "Примечание",
        "measure_enclosures": "Приложения",
        "enclosures": "Приложения",
        "enclosures_none": "Материалы не прилагаются.",
        "execution_comment": "Комментарий",
        "refusal_provision": "Норма, на которой основан отказ",
        "annex_requirements": "Приложение Б. Сведения, требуемые правовым основанием, и "
        "разделы запроса, в которых они содержатся",
        "sha256": "SHA-256",
    },
}

#: Enumerations printed on documents: (English, Russian) per value. The enums' words are
#: casetrack.labels' (one label set for pages, documents, exports and the API); the names of
#: languages are the documents' own.
TERMS: dict[str, dict[str, tuple[str, str]]] = {
    "party_role": enum_labels.pairs(PartyRole),
    "asset_kind": enum_labels.pairs(AssetKind),
    "asset_status": enum_labels.pairs(AssetStatus),
    "channel": enum_labels.pairs(Channel),
    "identity_document": dict(enum_labels.IDENTITY_DOCUMENTS),
    "deadline_kind": enum_labels.pairs(DeadlineKind),
    "refusal_ground": enum_labels.pairs(RefusalGround),
    "assistance": {t["code"]: (t["label_en"], t["label_ru"]) for t in ASSISTANCE_TYPES},
    "language": {
        "en": ("English", "английский"),
        "ru": ("Russian", "русский"),
        "kk": ("Kazakh", "казахский"),
        "uz": ("Uzbek", "узбекский"),
        "ky": ("Kyrgyz", "киргизский"),
        "tg": ("Tajik", "таджикский"),
        "tk": ("Turkmen", "туркменский"),
        "az": ("Azerbaijani", "азербайджанский"),
        "hy": ("Armenian", "армянский"),
        "ka": ("Georgian", "грузинский"),
        "tr": ("Turkish", "турецкий"),
        "uk": ("Ukrainian", "украинский"),
        "ur": ("Urdu", "урду"),
    },
    "measure_result": {
        "done": ("carried out", "исполнено"),
        "partly": ("partly carried out", "исполнено частично"),
        "not": ("not carried out", "не исполнено"),
    },
}


def term(group: str, value: str | None, lang: str) -> str:
    """Return an enumeration value's printed name, or the value itself if it has none."""
    if not value:
        return ""
    pair = TERMS[group].get(value)
    if pair is None:
        return value
    return pair[1] if lang == "ru" else pair[0]


def languages_of(lang: str) -> tuple[str, ...]:
    """The languages a document in ``lang`` is printed in: one, or English then Russian."""
    return ("en", "ru") if lang == "en-ru" else (lang,)
