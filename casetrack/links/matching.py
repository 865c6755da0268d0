"""Is this the same person or company? Scores between two party records, with the reasons.

Pure functions over plain data (no database): ``Record`` holds what a party record says
about identity, ``compare`` scores two records from 0 to 1 and lists the evidence as codes
(rendered in words by ``casetrack.links.reasons``), and ``blocking_tokens`` gives the index
keys under which candidates are looked up, so that no one ever compares every pair.

Names are compared on their folded words (``casetrack.names.fold_token``: Алиев, Aliyev,
Aliev and Əliyev share one key) across every spelling of both records, order-insensitive,
with the patronymic set apart: present in one record and absent in the other says nothing,
a different one says a lot. A surname in the other gender's form (Мамедов / Мамедова) is a
relative, not the same person. How a name is read into spellings is ``links/name_forms.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz.distance import Indel

from casetrack.links.name_forms import Spelling, _gender_stem, gender_variants

#: A pair scoring at least this is proposed as a match (and told across offices as a hit).
THRESHOLD = 0.75
#: Documents that a person holds only one of per issuing state: two different numbers of
#: the same kind from the same state mean two people.
UNIQUE_DOCUMENTS = {"iin", "bin", "pinfl", "stir", "inn", "voen", "national_id"}


@dataclass
class Record:
    """What one party record says about who it is."""

    id: int
    office_id: int
    is_company: bool
    spellings: list[Spelling]
    birth_date: date | None = None
    nationality: str = ""
    #: (kind, number_key, issuing country)
    documents: list[tuple[str, str, str]] = field(default_factory=list)
    registration_number: str = ""
    tax_id: str = ""
    jurisdiction: str = ""


@dataclass
class Comparison:
    """The score of two records and the evidence behind it."""

    score: float
    reasons: list[dict]


@lru_cache(maxsize=262144)
def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    # An initial ("T.") agrees with a name that starts with it, but says less.
    if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
        return 0.8
    plain = Indel.normalized_similarity(a, b)
    if len(a) != len(b):
        return plain
    # Uzbek Latin writes o where Russian writes а (Qodirov / Кадыров): one letter for one.
    vowel = Indel.normalized_similarity(a.replace("o", "a"), b.replace("o", "a")) * 0.97
    return max(plain, vowel)


def _weight(similarity: float) -> float:
    """Count a word pair by its similarity, weak pairs (Aliev / Alimov) for little."""
    if similarity >= 0.9:
        return similarity
    return similarity * 0.35


@dataclass
class _NameMatch:
    score: float
    pairs: list[tuple[int, int, float]]
    gender_form: tuple[str, str] | None
    a: Spelling
    b: Spelling


def _match_spellings(a: Spelling, b: Spelling) -> _NameMatch:
    """Pair the core words of two spellings greedily, best pair first, in any order."""
    if not a.core or not b.core:
        return _NameMatch(0.0, [], None, a, b)
    candidates = []
    gender = None
    for i, ta in enumerate(a.core):
        for j, tb in enumerate(b.core):
            sim = _token_similarity(ta, tb)
            if sim < 1.0 and _gender_stem(ta) == _gender_stem(tb) and ta != tb:
                sim = 1.0
                gender = gender or (a.core_raw[i], b.core_raw[j])
            candidates.append((sim, i, j))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_a, used_b, pairs = set(), set(), []
    for sim, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, sim))
    total = sum(_weight(sim) for _, _, sim in pairs)
    score = (total / len(a.core) + total / len(b.core)) / 2
    if gender and not any(
        a.core_raw[i] == gender[0] and b.core_raw[j] == gender[1] for i, j, _ in pairs
    ):
        gender = None
    return _NameMatch(score, pairs, gender, a, b)


def _best_name_match(a: Record, b: Record) -> _NameMatch | None:
    best = None
    for sa in a.spellings:
        for sb in b.spellings:
            match = _match_spellings(sa, sb)
            # Prefer, at equal score, the pair written in different scripts: its reasons
            # explain more ("Aliyev is a transliteration of Алиев").
            key = (match.score, sa.text.lower() != sb.text.lower())
            if best is None or key > best[0]:
                best = (key, match)
    return best[1] if best else None


def _name_reasons(match: _NameMatch) -> list[dict]:
    reasons: list[dict] = []
    a, b = match.a, match.b
    if match.score >= 0.999 and not match.gender_form:
        if " ".join(a.core_raw).lower() == " ".join(b.core_raw).lower():
            reasons.append({"code": "name_same"})
        else:
            surname = next(
                (
                    (a.core_raw[i], b.core_raw[j])
                    for i, j, _ in match.pairs
                    if i == (a.surname_index if a.surname_index is not None else 0)
                ),
                None,
            )
            if surname and surname[0].lower() != surname[1].lower():
                reasons.append({"code": "transliteration", "a": surname[0], "b": surname[1]})
            else:
                reasons.append({"code": "name_spelling", "a": a.text, "b": b.text})
    elif match.score > 0:
        reasons.append({"code": "name_similar", "percent": round(match.score * 100)})
    order = [j for _, j, _ in sorted(match.pairs)]
    if len(order) > 1 and order != sorted(order):
        reasons.append({"code": "word_order"})
    if match.gender_form:
        reasons.append(
            {"code": "gender_form", "a": match.gender_form[0], "b": match.gender_form[1]}
        )
    return reasons


def _patronymics(record: Record) -> set[str]:
    return {s.patronymic for s in record.spellings if s.patronymic}


def compare(a: Record, b: Record) -> Comparison:
    """Score how likely two records are one person or company, and say why."""
    match = _best_name_match(a, b)
    if match is None:
        return Comparison(0.0, [])
    score = match.score
    reasons = _name_reasons(match)
    if match.gender_form:
        score -= 0.35

    if not a.is_company:
        pa, pb = _patronymics(a), _patronymics(b)
        if pa and pb:
            best = max(_token_similarity(x, y) for x in pa for y in pb)
            if best >= 0.85:
                score += 0.05
                reasons.append({"code": "patronymic_same"})
            else:
                score -= 0.3
                reasons.append({"code": "patronymic_differs"})
        elif pa or pb:
            reasons.append({"code": "patronymic_absent"})

        if a.birth_date and b.birth_date:
            if a.birth_date == b.birth_date:
                score += 0.1
                reasons.append({"code": "birth_date_same"})
            elif (
                a.birth_date.year == b.birth_date.year
                and a.birth_date.month == b.birth_date.day
                and a.birth_date.day == b.birth_date.month
            ):
                # Day and month swapped between the American and the local order.
                score -= 0.05
                reasons.append({"code": "birth_date_swapped"})
            else:
                score -= 0.4
                reasons.append({"code": "birth_date_differs"})

    docs_a = {(kind, key): country for kind, key, country in a.documents if key}
    keys_b = {key for _, key, _ in b.documents if key}
    same_documents = sorted({kind for kind, key in docs_a if key in keys_b})
    if same_documents:
        score += 0.35
        reasons.append({"code": "document_same", "kind": same_documents[0]})
    else:
        unique_a = {(k, c): key for (k, key), c in docs_a.items() if k in UNIQUE_DOCUMENTS}
        if any(
            kind in UNIQUE_DOCUMENTS
            and (kind, country) in unique_a
            and unique_a[kind, country] != key
            for kind, key, country in b.documents
            if key
        ):
            score -= 0.3
            reasons.append({"code": "document_differs"})

    if a.is_company:
        numbers_a = {n for n in (a.registration_number, a.tax_id) if n}
        numbers_b = {n for n in (b.registration_number, b.tax_id) if n}
        if numbers_a & numbers_b:
            # A registry number names one legal entity, however its name is translated.
            score = max(score + 0.35, 0.85)
            reasons.append({"code": "registration_same"})
        elif numbers_a and numbers_b and a.jurisdiction == b.jurisdiction:
            score -= 0.3
            reasons.append({"code": "registration_differs"})

    if a.nationality and b.nationality:
        # Nationality is an ISO code (the parties' form and API store codes only).
        if a.nationality.strip().upper() == b.nationality.strip().upper():
            score += 0.02
            reasons.append({"code": "nationality_same"})
        else:
            score -= 0.05
            reasons.append({"code": "nationality_differs"})
    return Comparison(round(min(1.0, max(0.0, score)), 3), reasons)


#: The most ``compare`` can give a person for the name (1), the patronymic (+0.05) and the
#: nationality (+0.02) when the dates of birth differ (−0.4) and no document is shared.
_BEST_WITH_OTHER_BIRTH_DATE = 1.0 + 0.05 + 0.02 - 0.4


def may_match(a: Record, b: Record) -> bool:
    """Whether ``compare(a, b)`` can reach the threshold at all, from cheap facts alone.

    Two persons born on different days (not day and month swapped) who share no document
    number stay below it whatever their names: most pairs of a common surname are such, and
    are skipped without comparing their names. Never changes a result, only saves the work.
    """
    if a.is_company or b.is_company or not a.birth_date or not b.birth_date:
        return True
    if a.birth_date == b.birth_date:
        return True
    x, y = a.birth_date, b.birth_date
    if x.year == y.year and x.month == y.day and x.day == y.month:
        return True
    keys_a = {key for _, key, _ in a.documents if key}
    if keys_a and any(key in keys_a for _, key, _ in b.documents):
        return True
    return _BEST_WITH_OTHER_BIRTH_DATE >= THRESHOLD


def blocking_tokens(record: Record) -> set[str]:
    """Return the name keys under which candidates for ``record`` are looked up.

    Surnames (or, where a spelling does not say which word is the surname, every core
    word), in both gender forms; given names alone would bring in half the register.
    """
    keys: set[str] = set()
    for s in record.spellings:
        if s.surname_index is not None and not record.is_company:
            words = [s.core[s.surname_index]]
        else:
            words = s.core
        for word in words:
            if len(word) >= 2:
                keys |= gender_variants(word) if not record.is_company else {word}
    return keys
