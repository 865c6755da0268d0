"""How a name is read for matching: its spellings split into folded core words and a
patronymic, and the other gender's form of a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from casetrack.names import fold_token

_PATRONYMIC_MARKERS = {"ogly", "kyzy"}


_PATRONYMIC_SUFFIXES = ("ovic", "avic", "ivic", "ovna", "avna", "ivna", "vic", "vna", "ic")


#: Kazakh patronymics written as one word: Қайратұлы / Qayratuly ("son of Kairat") and
#: Қайратқызы ("daughter of Kairat") fold to "kairatuli" / "kairatkizi"; their root is the
#: father's name, as in the Russian form Кайратович, so the two scripts compare as one.
_TURKIC_PATRONYMIC_SUFFIXES = ("uli", "kizi")


_LEGAL_FORMS = {
    fold_token(word)
    for word in [
        "ТОО",
        "ООО",
        "ОАО",
        "ЗАО",
        "ПАО",
        "АО",
        "ИП",
        "ЧП",
        "МЧЖ",
        "АЖ",
        "ХК",
        "ТОВ",
        "LLP",
        "LLC",
        "Ltd",
        "Limited",
        "JSC",
        "OJSC",
        "CJSC",
        "PJSC",
        "MMC",
        "ASC",
        "QSC",
        "MChJ",
        "AJ",
        "XK",
        "TOO",
        "OOO",
        "AO",
        "Inc",
        "Corp",
        "GmbH",
        "AG",
        "SA",
        "SRL",
        "BV",
        "Co",
        "Company",
        "Holding",
        "Group",
    ]
}


_WORD = re.compile(r"[^\W_]+(?:['`’ʻʼ\-][^\W_]+)*", re.UNICODE)


@dataclass
class Spelling:
    """One spelling of a name, split into folded core words and patronymic."""

    text: str
    #: Folded words of the surname and given names (or of a company's name without its
    #: legal form), in the order written.
    core: list[str]
    #: The raw words behind ``core``, for reasons that quote a spelling.
    core_raw: list[str]
    #: The folded root of the patronymic (Рашидович, Rashidovich → "rasid"; Arif oglu →
    #: "arif"), or "" where the spelling has none.
    patronymic: str
    #: Index in ``core`` of the surname where the record says which word it is.
    surname_index: int | None = None


def _words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def _patronymic_root(folded: str) -> str:
    for suffix in _TURKIC_PATRONYMIC_SUFFIXES + _PATRONYMIC_SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            return folded[: -len(suffix)]
    return folded


def _is_patronymic(folded: str) -> bool:
    return len(folded) > 5 and folded.endswith(("vic", "vna", *_TURKIC_PATRONYMIC_SUFFIXES))


def spelling(
    full_name: str,
    surname: str = "",
    given_name: str = "",
    patronymic: str = "",
    is_company: bool = False,
) -> Spelling:
    """Split one spelling into folded core words and a patronymic root."""
    if is_company:
        raw = [w for w in _words(full_name) if fold_token(w) and fold_token(w) not in _LEGAL_FORMS]
        return Spelling(full_name, [fold_token(w) for w in raw], raw, "")
    if surname or given_name:
        raw = _words(surname) + _words(given_name)
        core = [fold_token(w) for w in raw]
        pairs = [(c, r) for c, r in zip(core, raw, strict=True) if c]
        patronymic_words = [fold_token(w) for w in _words(patronymic)]
        root = "".join(
            _patronymic_root(w) for w in patronymic_words if w and w not in _PATRONYMIC_MARKERS
        )
        return Spelling(
            full_name or " ".join(raw),
            [c for c, _ in pairs],
            [r for _, r in pairs],
            root,
            # Only where a surname word folds to something ("ʼ" alone folds to nothing).
            0 if any(fold_token(w) for w in _words(surname)) else None,
        )
    raw_words = _words(full_name)
    folded = [fold_token(w) for w in raw_words]
    core, core_raw, patronymic_parts = [], [], []
    for index, (key, raw) in enumerate(zip(folded, raw_words, strict=True)):
        if not key:
            continue
        if key in _PATRONYMIC_MARKERS:
            continue
        # Azerbaijani and Uzbek patronymics: the father's name before "oglu" / "qizi".
        followed_by_marker = index + 1 < len(folded) and folded[index + 1] in _PATRONYMIC_MARKERS
        if followed_by_marker or _is_patronymic(key):
            patronymic_parts.append(_patronymic_root(key))
            continue
        core.append(key)
        core_raw.append(raw)
    return Spelling(full_name, core, core_raw, "".join(patronymic_parts))


@lru_cache(maxsize=65536)
def _gender_stem(token: str) -> str:
    """Return a surname without its feminine ending (Ivanova → Ivanov, Kovalskaya → Kovalski)."""
    if len(token) > 4 and token.endswith(("ova", "ava", "ina", "iva")):
        return token[:-1]
    if token.endswith("ska"):
        return token[:-1] + "i"
    return token


def gender_variants(token: str) -> set[str]:
    """Return a surname key in both gender forms, for looking up relatives and typos alike."""
    stem = _gender_stem(token)
    variants = {token, stem}
    if stem.endswith(("ov", "av", "in", "iv")):
        variants.add(stem + "a")
    if stem.endswith("ski"):
        variants.add(stem[:-1] + "a")
    return variants
