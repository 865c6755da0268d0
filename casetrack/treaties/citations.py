"""Article references as each language's legal usage writes them.

"Art. 7(1)(a)" of the Chisinau Convention becomes "Art. 7(1)(a) of the Chisinau Convention of
2002" in English and "подп. «а» п. 1 ст. 7 Кишинёвской конвенции 2002 г." in Russian. Treaties
whose authentic Russian text letters sub-paragraphs in Cyrillic (the CIS conventions) get
Cyrillic letters; the UN and Council of Europe texts keep their Latin ones.
"""

from __future__ import annotations

import re

_ARTICLE = re.compile(
    r"^Art\.\s*(?P<article>\d+)"
    r"(?:\((?P<paragraph>\d+)\))?"
    r"(?:\((?P<sub>[a-z])\))?"
    r"(?:\((?P<roman>[ivx]+)\))?$"
)
_CYRILLIC = dict(zip("abcdefghijklm", "абвгдежзиклмн", strict=True))


def cite(article: str, short_en: str, short_ru: str, letters: str, lang: str) -> str:
    """Cite ``article`` ("Art. 7(1)(a)") of a treaty named ``short_en``/``short_ru``."""
    match = _ARTICLE.match((article or "").strip())
    if lang != "ru":
        return f"{article.strip()} of {short_en}" if article.strip() else short_en
    if match is None:
        return f"{article.strip()} {short_ru}".strip()
    parts = []
    if match["roman"]:
        parts.append(f"подп. ({match['roman']})")
    if match["sub"]:
        letter = _CYRILLIC[match["sub"]] if letters == "cyrillic" else match["sub"]
        parts.append(f"подп. «{letter}»")
    if match["paragraph"]:
        parts.append(f"п. {match['paragraph']}")
    parts.append(f"ст. {match['article']}")
    return f"{' '.join(parts)} {short_ru}"


def cite_requirement(requirement, lang: str) -> str:
    """Cite the article behind a TreatyRequirement in ``lang``."""
    treaty = requirement.treaty
    return cite(requirement.article, treaty.short_en, treaty.short_ru, treaty.letters, lang)
