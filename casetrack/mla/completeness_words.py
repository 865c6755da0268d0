"""The completeness report's words in English and Russian: each condition, strength and gap."""

from __future__ import annotations

from casetrack.models import (
    RequirementCondition,
    RequirementStrength,
)

CONDITION_WORDS = {
    RequirementCondition.ALWAYS: ("every request", "любой запрос"),
    RequirementCondition.PERSONS: ("the request names a person", "в запросе названо лицо"),
    RequirementCondition.COMPANIES: (
        "the request names a legal person",
        "в запросе названо юридическое лицо",
    ),
    RequirementCondition.PARTIES: (
        "the request names persons or legal persons",
        "в запросе названы физические или юридические лица",
    ),
    RequirementCondition.ASSETS: ("the request concerns property", "запрос касается имущества"),
    RequirementCondition.URGENT: ("an urgent request", "срочный запрос"),
    RequirementCondition.NOT_SERVICE_ONLY: (
        "unless the request is only for service of documents",
        "кроме запроса только о вручении документов",
    ),
    RequirementCondition.LETTERS_ROGATORY: (
        "letters rogatory under Articles 3 to 5 (evidence, records, search and seizure)",
        "судебное поручение по статьям 3–5 (доказательства, документы, обыск и выемка)",
    ),
    RequirementCondition.SERVICE: (
        "the request asks for service of documents",
        "запрос о вручении документов",
    ),
    RequirementCondition.SEEK_CONFISCATION: (
        "the request asks for a confiscation order",
        "запрос о вынесении постановления о конфискации",
    ),
    RequirementCondition.ENFORCE_ORDER: (
        "the request asks to enforce a confiscation order",
        "запрос об исполнении постановления о конфискации",
    ),
    RequirementCondition.FREEZE_OR_TRACE: (
        "the request asks to freeze or trace property",
        "запрос об аресте (замораживании) или отслеживании имущества",
    ),
}


STRENGTH_WORDS = {
    RequirementStrength.REQUIRED: ("required", "обязательно"),
    RequirementStrength.WHERE_POSSIBLE: ("where possible", "по возможности"),
    RequirementStrength.TO_THE_EXTENT_POSSIBLE: ("to the extent possible", "в возможной мере"),
    RequirementStrength.WHERE_AVAILABLE: ("where available", "при наличии"),
    RequirementStrength.WHERE_RELEVANT: ("where relevant", "когда это уместно"),
    RequirementStrength.IF_ANY: (
        "where there are any (casetrack cannot tell, so it reminds and does not block)",
        "при их наличии (casetrack не может этого знать, поэтому напоминает, но не блокирует)",
    ),
    RequirementStrength.IF_CAUSED: (
        "if the act caused damage (casetrack cannot tell, so it reminds and does not block)",
        "если ущерб причинен (casetrack не может этого знать, поэтому напоминает, но не блокирует)",
    ),
    RequirementStrength.ADVICE: ("advice", "рекомендация"),
}


#: What a person, company or asset may lack, in each language.
GAP_WORDS = {
    "nationality": ("nationality", "гражданство"),
    "location": ("location", "местонахождение"),
    "birth_date": ("date of birth", "дата рождения"),
    "birth_place": ("place of birth", "место рождения"),
    "residence": ("place of residence", "место жительства (пребывания)"),
    "occupation": ("occupation", "род деятельности"),
    "address": ("address or location", "адрес или местонахождение"),
    "bank_details": ("bank details", "банковские реквизиты"),
    "tax_id": ("fiscal code", "фискальный код"),
    "description": ("description", "описание"),
    "asset_location": ("location", "местонахождение"),
    "value": ("estimated value", "оценочная стоимость"),
    "no_asset": ("no property named", "имущество не названо"),
}


OURS = ("casetrack rule (not a treaty's)", "правило casetrack (не требование договора)")
