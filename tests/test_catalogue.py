"""The translation catalogues compile cleanly under Babel's own checkers.

A broken plural (``msgstr "%"``) once made the request page fail for Russian readers with
an annex of 1 or 21 pages and print "(" or "n" for 3 or 5: Babel's checkers catch it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.checkers import num_plurals, python_format
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

from casetrack import ROOT

TRANSLATIONS = ROOT / "casetrack" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)")
CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def _problems(path: Path) -> list[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        if any("%" in text for text in ids):
            # Entries added by hand may lack the flag; the check must not depend on it.
            message.flags.add("python-format")
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        names = set(PLACEHOLDER.findall(" ".join(ids)))
        for text in strings:
            if text and (names or message.pluralizable):
                # What Flask-Babel does at run time: a bad format raises there, a 500.
                try:
                    text % ({name: 1 for name in names} or {"num": 1})
                except (KeyError, ValueError, TypeError) as error:
                    problems.append(f"{message.id!r}: {text!r} does not format: {error}")
            if text and set(PLACEHOLDER.findall(text)) - set(PLACEHOLDER.findall(" ".join(ids))):
                problems.append(f"{message.id!r}: a placeholder the source does not have")
            if text and wanted and not set(PLACEHOLDER.findall(text)) and len(strings) == 1:
                problems.append(f"{message.id!r}: the translation drops its placeholders")
        for checker in (num_plurals, python_format):
            try:
                checker(catalog, message)
            except Exception as error:  # a TranslationError, named with its message
                problems.append(f"{message.id!r}: {error}")
        if message.pluralizable:
            strings = message.string
            if any(not s for s in strings):
                problems.append(f"{message.id!r}: an empty plural form")
    # Babel's own run of every registered checker, as `pybabel compile` does.
    for message, errors in catalog.check():
        problems += [f"{message.id!r}: {error}" for error in errors]
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    assert len(read_mo(buffer)) >= len([m for m in catalog if m.id and m.string])
    return sorted(set(problems))


def test_there_is_a_russian_catalogue():
    assert TRANSLATIONS / "ru" / "LC_MESSAGES" / "messages.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_the_catalogue_has_no_broken_plural_or_placeholder(path):
    assert _problems(path) == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_no_message_is_defined_twice(path):
    """Babel keeps the last of two definitions silently; GNU msgfmt refuses the file."""
    seen: dict[tuple[str | None, str], int] = {}
    twice = []
    context = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("msgctxt "):
            context = line
        elif line.startswith("msgid ") and line != 'msgid ""':
            key = (context, line)
            if key in seen:
                twice.append(f"line {number}: {line} (first at line {seen[key]})")
            seen.setdefault(key, number)
            context = None
    assert twice == []


def test_the_template_catalogue_is_well_formed():
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    assert len(template) > 100


def test_the_checker_catches_a_broken_plural(tmp_path):
    broken = tmp_path / "broken.po"
    broken.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && '
        'n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "%(num)d page"\nmsgid_plural "%(num)d pages"\n'
        'msgstr[0] "%"\nmsgstr[1] "("\nmsgstr[2] "n"\n',
        encoding="utf-8",
    )
    assert _problems(broken)


def test_annex_pages_read_in_russian(empty_app):
    with empty_app.test_request_context(), force_locale("ru"):
        words = {n: ngettext("%(num)d page", "%(num)d pages", n) for n in (1, 3, 5, 21)}
    assert words == {1: "1 страница", 3: "3 страницы", 5: "5 страниц", 21: "21 страница"}
