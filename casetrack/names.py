"""Names across scripts: a readable Latin form, and folded keys under which spellings meet.

Алиев, Aliyev, Aliev and Əliyev must find one another (SPEC §6). ``transliterate`` writes
any script of the region in plain Latin, with per-letter rules where unidecode is weak
(Azerbaijani ə, Kazakh қ, Tajik ҷ, Russian ю, Armenian, Georgian: see FIELD_NOTES).
``fold_token`` then removes what the usual transliteration systems disagree on, so that
the variants of one name share one key while different names keep different keys:

* Latin first (``transliterate``), lower case, apostrophes and hyphens dropped; Uzbek
  o' is o and g' is gh; in Azerbaijani/Turkish words (ə ğ ı ş ç) c is dzh (Cəfərov).
* ye/ie at a word's start is e (Yerlan, Erlan); yu/iu/ju there is ju, the sound Kazakh
  and Kyrgyz write ж (Yusupov, Iusupov, Jusupov, Жусупов; Jumaev, Джумаев).
* A y or i between vowels, a y between a consonant and e (ь+е: Vasilyev) and a j in
  "ije" (Alijev) are glides and dropped: Aliyev, Aliev; Tokayev, Tokaev.
* Consonant classes: shch/sch/sh/s → s; ch/ts/tz/c → c; zh/dzh/dj/j → j;
  g/gh/h/kh/x → h (Russian г is Azerbaijani and Ukrainian h: Гасанов / Həsənov);
  q → k; w → v; y → i. Merging s/sh and c/ch/ts also meets Czech/ISO spellings whose
  háčeks were lost (Sevcenko, Cernov); the patronymic -vich keeps its "vic" key.
* e after a word's first letter is a: Azerbaijani ə stands for Russian а and е alike
  (Məmmədov / Мамедов, Əhmədov / Ахмедов). The price: Karimov and Kerimov share a key.
* Doubled letters are single (Mammadov, Mamedov).

Known gaps: Kazakh ң folds to n (as Russian records write it) but transliterates to
"ng"; Yo-/Ё- does not meet a plain E- (Ёлкин / Elkin); Vasiliev does not meet Vasilyev;
x is always Uzbek kh, except in Alex-/Maxim-.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Lower-case letters with their readable Latin form. Only letters that unidecode renders
# badly, or in a form the region's records rarely use, need an entry; Cyrillic is listed
# in full so that one convention (Алиев → Aliev, Юсупов → Yusupov) holds throughout.
_LOWER: dict[str, str] = {
    # Russian
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh, Kyrgyz, Tajik, Uzbek, Turkmen, Azerbaijani and Ukrainian Cyrillic.
    # Қ is q as in the Kazakh and Uzbek Latin alphabets (Тоқаев → Toqaev), not k.
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "җ": "j", "ҹ": "j", "ҝ": "g",
    "ј": "y", "ў": "o'", "ї": "yi", "є": "ye", "ґ": "g",
    # Latin letters of Azerbaijani, Turkish, Turkmen, Kazakh, and Czech/ISO 9 for Russian.
    "ə": "a", "ş": "sh", "ç": "ch", "ğ": "g", "ı": "i", "ž": "zh", "š": "sh", "č": "ch",
    "ň": "n", "ñ": "n", "\u0307": "",  # the dot that "İ".lower() leaves behind
    # Apostrophes: Uzbek writes o' and g' with any of these.
    "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'",
    # Armenian (the Latin of Armenian passports; context rules in _armenian).
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y",
    "թ": "t", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h",
    "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o",
    "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r",
    "ց": "ts", "ւ": "v", "փ": "p", "ք": "k", "օ": "o", "ֆ": "f", "և": "ev",
    # Georgian (national system of 2002, without the ejective apostrophes, as passports).
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t",
    "ი": "i", "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh",
    "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q",
    "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h",
}  # fmt: skip


def _table(lower: dict[str, str]) -> dict[int, str]:
    table = {ord(k): v for k, v in lower.items()}
    for k, v in lower.items():
        upper = k.upper()
        if len(upper) == 1 and upper != k:
            table[ord(upper)] = v[:1].upper() + v[1:]
    table[ord("İ")] = "I"
    return table


_READ = _table(_LOWER)
# Russian-language records write Kazakh ң as н (Жаңабаев / Жанабаев).
_FOLD = _table(_LOWER | {"ң": "n"})
_UZBEK = _table(_LOWER | {"ж": "j", "х": "x", "ғ": "g'"})

# Words in these alphabets write дж as c (Cəfərov = Джафаров); elsewhere c is ц.
_TURKIC_C = re.compile("[əğışçƏĞŞÇ]")
_ARMENIAN = re.compile("[\u0531-\u058a]")

# Armenian letters read differently at a word's start (Երևան → Yerevan, Ոսկանյան →
# Voskanyan), and ու is one vowel, u.
_ARMENIAN_CONTEXT = {
    "ու": "u", "Ու": "U", "ՈՒ": "U", "ե": "ye", "Ե": "Ye", "ո": "vo", "Ո": "Vo", "և": "yev",
}  # fmt: skip
_ARMENIAN_RULE = re.compile(r"ու|Ու|ՈՒ|(?<![^\W\d_])[եԵոՈև]")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʻʼ`][^\W\d_]+)*")


def _latin_word(word: str, table: dict[int, str]) -> str:
    """Return one word in Latin letters, its case kept where the script has case."""
    if word.isascii():
        return word
    shout = len(word) > 1 and word.isupper()
    if _ARMENIAN.search(word):
        word = _ARMENIAN_RULE.sub(lambda m: _ARMENIAN_CONTEXT[m.group()], word)
    if "ў" in word or "Ў" in word:
        table = _UZBEK
    if _TURKIC_C.search(word):
        word = word.replace("c", "j").replace("C", "J")
    latin = word.translate(table)
    if not latin.isascii():
        latin = unidecode(latin)
    if shout:
        return latin.upper()
    if "\u10d0" <= word[0] <= "\u10ff":
        # Georgian writes names without capitals; a Latin name has one.
        return latin[:1].upper() + latin[1:]
    return latin


def transliterate(text: str) -> str:
    """Write a name of any script of the region in readable Latin letters."""
    latin = _WORD.sub(lambda m: _latin_word(m.group(), _READ), text)
    return latin if latin.isascii() else unidecode(latin)


# Folding, applied in this order to a lower-case ASCII word (see the module docstring).
_NOT_LETTER = re.compile(r"[^a-z0-9]+")
_GLIDES = re.compile(
    r"^[yi](?=e)"  # Yerlan, Ierlan → Erlan
    r"|(?<=[aeiouy])[iy](?=[aeiouy])"  # Aliyev, Tokayev, Maiorov, Kovalskaya
    r"|(?<=[b-df-hj-np-tv-xz])y(?=e)"  # Vasilyev (ь + е)
    r"|(?<=i)j(?=e)"  # Alijev
)
_DIGRAPHS = (
    ("shch", "s"), ("sch", "s"), ("dzh", "j"), ("sh", "s"), ("ch", "c"), ("zh", "j"),
    ("dj", "j"), ("kh", "h"), ("ts", "c"), ("tz", "c"),
)  # fmt: skip
_LETTERS = str.maketrans("gxwqy", "hhvki")
_DOUBLE = re.compile(r"(?<=(.))\1+")
_MARKERS = {"ohli": "ogly", "ohlu": "ogly", "ulu": "ogly", "kizi": "kyzy", "hizi": "kyzy"}


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Return the search key of one word, shared by its usual transliterations."""
    key = _latin_word(token, _FOLD).lower()
    if not key.isascii():
        key = unidecode(key).lower()
    if "'" in key:
        # Uzbek o' is Russian о (Xo'jayev / Ходжаев), g' is ғ (G'afurov / Ғафуров).
        key = key.replace("o'", "o").replace("g'", "gh")
    if not key.isalnum():
        key = _NOT_LETTER.sub("", key)
    if key[:1] in ("y", "i", "j") and key[1:2] == "u":
        key = "j" + key[1:]  # Yusupov, Iusupov, Jusupov, Жусупов
    elif key.startswith(("alex", "maxim")):
        key = key.replace("x", "ks", 1)  # the Western spelling of Александр, Максим
    key = _GLIDES.sub("", key)
    for digraph, letter in _DIGRAPHS:
        if digraph in key:
            key = key.replace(digraph, letter)
    key = key.translate(_LETTERS)
    key = key[:1] + key[1:].replace("e", "a")
    key = _DOUBLE.sub("", key)
    # Patronymic markers (оглы, oğlu, o'g'li, уулу; кызы, qizi, gizi) are one token each;
    # no folded word ends in y, so "ogly" and "kyzy" cannot be mistaken for a name.
    return _MARKERS.get(key, key)


_NAME_WORD = re.compile(r"[^\W_]+(?:['’ʻʼ`][^\W_]+)*")


def _words(text: str) -> list[str]:
    # Hyphens separate words here (Қасым-Жомарт), so that each half is found on its own.
    return _NAME_WORD.findall(text or "")


def fold(text: str) -> str:
    """Return the search key of a whole name: each word folded, in the order written."""
    return " ".join(key for key in map(fold_token, _words(text)) if key)


def search_tokens(text: str) -> list[str]:
    """Return the distinct folded words of a name, in order, for the search index."""
    return list(dict.fromkeys(key for key in map(fold_token, _words(text)) if key))


@lru_cache(maxsize=4096)
def _script_of_char(ch: str) -> str | None:
    code = ord(ch)
    if not ch.isalpha() or ch in "ʻʼ":
        return None
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF or ch == "ə" or ch == "Ə":
        return "latin"
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0xA640 <= code <= 0xA69F:
        return "cyrillic"
    if 0x0530 <= code <= 0x058F or 0xFB13 <= code <= 0xFB17:
        return "armenian"
    if 0x10A0 <= code <= 0x10FF or 0x1C90 <= code <= 0x1CBF or 0x2D00 <= code <= 0x2D2F:
        return "georgian"
    if (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    ):
        return "arabic"
    return "other"


def script_of(text: str) -> str:
    """Name the script of a name: cyrillic, latin, armenian, georgian, arabic, mixed, other."""
    found = {script for script in map(_script_of_char, text or "") if script}
    if len(found) == 1:
        return found.pop()
    return "mixed" if found else "other"
