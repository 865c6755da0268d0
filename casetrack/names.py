"""Names across scripts: a readable Latin form, and folded keys under which spellings meet.

Алиев, Aliyev, Aliev and Əliyev must find one another. ``transliterate`` turns any script
of the region into plain Latin with per-letter rules where unidecode is weak (FIELD_NOTES);
``fold_token`` then removes the differences between the usual transliteration systems
(y/i/j glides, kh/x/h, zh/j/dzh, ts/c, w/v, q/k, doubled letters) so that variants of one
name share one key, while different names keep different keys.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

# Letters that unidecode renders badly or in a form records of this region rarely use.
_LETTERS = {
    "ә": "a",
    "ə": "a",
    "ғ": "gh",
    "қ": "q",
    "ң": "ng",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ҳ": "kh",
    "ҷ": "j",
    "ӣ": "i",
    "ӯ": "u",
    "ў": "o'",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ю": "yu",
    "я": "ya",
    "ё": "yo",
    "й": "y",
    "ы": "y",
    "э": "e",
    "ъ": "",
    "ь": "",
    "е": "e",
    # Latin letters of Azerbaijani, Turkish, Turkmen, Uzbek.
    "ş": "sh",
    "ç": "ch",
    "ğ": "gh",
    "ı": "i",
    "ö": "o",
    "ü": "u",
    "ž": "zh",
    "ň": "n",
    "ý": "y",
    "č": "ch",
    "š": "sh",
    "ä": "a",
}
_TABLE = {ord(k): v for k, v in _LETTERS.items()} | {
    ord(k.upper()): v.capitalize() for k, v in _LETTERS.items()
}
_PATRONYMIC_MARKERS = {
    "оглы": "ogly",
    "огли": "ogly",
    "oglu": "ogly",
    "ogly": "ogly",
    "ogli": "ogly",
    "o'g'li": "ogly",
    "oghlu": "ogly",
    "oghli": "ogly",
    "кызы": "kyzy",
    "кизи": "kyzy",
    "qizi": "kyzy",
    "gizi": "kyzy",
    "kyzy": "kyzy",
    "qyzy": "kyzy",
}

# Applied in order to a lower-case ASCII token. "J" (upper case) marks the dzh sound while
# the glide rules run, so that Japarov keeps it and Jusupov / Alijev lose theirs.
_RULES = [
    (re.compile(r"['`’ʻʼ\-]"), ""),
    (re.compile(r"shch|sch"), "sh"),
    (re.compile(r"dzh|dj|zh"), "J"),
    (re.compile(r"(?<=i)j(?=[aeiou])"), ""),
    (re.compile(r"^j(?=[ueo])"), ""),
    (re.compile(r"j"), "J"),
    (re.compile(r"kh|x|gh"), "h"),
    (re.compile(r"ts|tz"), "c"),
    (re.compile(r"ch"), "c"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"w"), "v"),
    (re.compile(r"q"), "k"),
    # Iotated vowels: Yu/Iu → u, Ya/Ia → a, Ye/Ie → e, Yo/Io → o at a word's start; glides
    # between vowels (Aliyev/Aliev) disappear.
    (re.compile(r"^(?:y|i)(?=[aeou])"), ""),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),
    (re.compile(r"(?<=i)(?:y|i)(?=[aeou])"), ""),
    (re.compile(r"y"), "i"),
    # Azerbaijani ə is Russian е or а (Məmmədov / Мамедов, Əhmədov / Ахмедов).
    (re.compile(r"e"), "a"),
    (re.compile(r"J"), "j"),
    (re.compile(r"(.)\1+"), r"\1"),
]
# Russian writes г where Azerbaijani writes h (Гасанов / Həsənov, Гусейнов / Hüseynov):
# a leading g before a vowel folds to h so that both spellings meet.
_LEADING_G = re.compile(r"^g(?=[aeiou])")

_SCRIPTS = (
    ("cyrillic", "CYRILLIC"),
    ("latin", "LATIN"),
    ("armenian", "ARMENIAN"),
    ("georgian", "GEORGIAN"),
    ("arabic", "ARABIC"),
)


def transliterate(text: str) -> str:
    """Return a readable Latin form of a name written in any script of the region."""
    return unidecode(text.translate(_TABLE))


def fold_token(token: str) -> str:
    """Return the search key of one word, shared by its usual transliterations."""
    lowered = token.strip().lower()
    key = transliterate(lowered).lower()
    marker = _PATRONYMIC_MARKERS.get(lowered) or _PATRONYMIC_MARKERS.get(key)
    if marker:
        return marker
    key = unicodedata.normalize("NFKD", key)
    key = "".join(ch for ch in key if ch.isalnum() or ch in "'`’ʻʼ-")
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return _LEADING_G.sub("h", key)


_WORD = re.compile(r"[^\W_]+(?:['`’ʻʼ\-][^\W_]+)*", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def fold(text: str) -> str:
    """Return the search key of a whole name: each word folded, in order."""
    return " ".join(key for key in (fold_token(w) for w in _words(text)) if key)


def search_tokens(text: str) -> list[str]:
    """Return the distinct folded words of a name, for the search index."""
    seen: dict[str, None] = {}
    for word in _words(text):
        key = fold_token(word)
        if key:
            seen.setdefault(key, None)
    return list(seen)


def script_of(text: str) -> str:
    """Tell which script a name is written in: cyrillic, latin, armenian, georgian, arabic."""
    found = set()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for script, marker in _SCRIPTS:
            if name.startswith(marker) or f" {marker} " in f" {name} ":
                found.add(script)
                break
        else:
            found.add("other")
    if len(found) == 1:
        return found.pop()
    return "mixed" if found else "other"
