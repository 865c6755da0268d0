"""Benchmark: how long proposing matches for one party takes as the register grows.

Not a test. Builds a throwaway SQLite database (migrated, reference data loaded), bulk-inserts
synthetic persons with Cyrillic and Latin spellings and their search tokens, and times
``casetrack.links.refresh.find_matches`` (index lookup + scoring) for sample parties at each
size. Prints a table of sizes and median / 90th-percentile times.

    .venv/bin/python bench/links_bench.py                      # 1,000 … 100,000
    .venv/bin/python bench/links_bench.py --sizes 1000,20000 --samples 30
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from casetrack import create_app, names
from casetrack.db import db
from casetrack.models import Office, Party, PartyKind, PartyName, PartyNameToken

ROOTS = [
    "Али",
    "Мамед",
    "Ходжа",
    "Жапар",
    "Юсуп",
    "Карим",
    "Рахим",
    "Гасан",
    "Гусейн",
    "Исмаил",
    "Абдулл",
    "Назар",
    "Шарип",
    "Берды",
    "Ораз",
    "Юлдаш",
    "Тока",
    "Сейт",
    "Кады",
    "Рашид",
    "Умар",
    "Сабир",
    "Нурл",
    "Азим",
    "Бахт",
    "Джура",
    "Эргаш",
    "Турс",
    "Файз",
    "Хаким",
    "Ибраг",
    "Мирз",
    "Кулм",
    "Садык",
    "Латиф",
    "Халил",
    "Ахмед",
    "Муса",
    "Ильяс",
    "Закир",
    "Тахир",
    "Габит",
    "Ермек",
    "Болат",
    "Серик",
    "Данияр",
    "Айдар",
    "Руст",
    "Шерз",
    "Улугб",
    "Фарх",
    "Джамш",
    "Тимур",
    "Камол",
    "Анвар",
    "Акмал",
    "Эльдар",
    "Вугар",
    "Рамиз",
    "Фуад",
]
MIDDLES = ("", "ба", "ку", "ли", "на", "ра", "ша", "то", "ди", "мо", "хо", "зи", "ге", "су")
ENDINGS = ("ов", "ев", "ин", "ова", "ева", "бек", "заде", "ли", "оглу")
GIVEN = [
    "Тимур",
    "Эльчин",
    "Бахтиёр",
    "Нурлан",
    "Шерзод",
    "Рашад",
    "Вугар",
    "Алишер",
    "Касым",
    "Бекзод",
    "Айгерим",
    "Фаррух",
    "Довлет",
    "Мерген",
    "Ильхам",
    "Жасур",
    "Виктория",
    "Улугбек",
    "Сергей",
    "Дильноза",
    "Нино",
    "Даниял",
    "Азиз",
    "Зарина",
    "Гульнара",
    "Малика",
    "Санжар",
    "Ислам",
    "Руслан",
    "Арман",
    "Ерлан",
    "Мадина",
    "Камила",
    "Лейла",
    "Самир",
    "Орхан",
    "Рустам",
    "Акмал",
]
PATRONYMIC = ("Рашидович", "Арифович", "Алишерович", "Рустамович", "Камолович", "Ильхамович", "")


def synthetic_person(rng: random.Random) -> tuple[str, str, str, date]:
    surname = rng.choice(ROOTS) + rng.choice(MIDDLES) + rng.choice(ENDINGS)
    given = rng.choice(GIVEN)
    patronymic = rng.choice(PATRONYMIC)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    return surname, given, patronymic, born


_PEOPLE: list[tuple[str, str, str, date]] = []


def bulk_insert(session, offices: list[int], start: int, count: int, rng: random.Random) -> None:
    """Insert ``count`` persons with ids from ``start``: two spellings each, with tokens."""
    now = datetime.now(UTC)
    parties, spellings, tokens = [], [], []
    for offset in range(count):
        party_id = start + offset
        # One in twenty is someone already recorded elsewhere: the matches to find.
        if _PEOPLE and rng.random() < 0.05:
            surname, given, patronymic, born = rng.choice(_PEOPLE)
        else:
            surname, given, patronymic, born = synthetic_person(rng)
            _PEOPLE.append((surname, given, patronymic, born))
        cyrillic = " ".join(p for p in (surname, given, patronymic) if p)
        latin_parts = [names.transliterate(p) for p in (surname, given)]
        latin = " ".join(latin_parts)
        parties.append(
            {
                "id": party_id,
                "office_id": rng.choice(offices),
                "kind": PartyKind.PERSON,
                "display_name": cyrillic,
                "birth_date": born if rng.random() < 0.8 else None,
                "created_at": now,
                "updated_at": now,
            }
        )
        for index, (text, parts) in enumerate(
            ((cyrillic, (surname, given, patronymic)), (latin, (*latin_parts, "")))
        ):
            name_id = party_id * 2 + index
            spellings.append(
                {
                    "id": name_id,
                    "party_id": party_id,
                    "full_name": text,
                    "surname": parts[0],
                    "given_name": parts[1],
                    "patronymic": parts[2],
                    "script": names.script_of(text),
                    "is_primary": index == 0,
                    "search_key": names.fold(text),
                }
            )
            tokens.extend(
                {"name_id": name_id, "token": token, "party_id": party_id}
                for token in names.search_tokens(text)
            )
    session.execute(insert(Party), parties)
    session.execute(insert(PartyName), spellings)
    session.execute(insert(PartyNameToken), tokens)
    session.commit()


def time_proposals(session, party_ids: list[int]) -> tuple[list[float], int]:
    from casetrack.links import refresh

    timings, found = [], 0
    for party_id in party_ids:
        session.expunge_all()
        party = session.get(Party, party_id)
        _ = party.names, party.documents
        started = time.perf_counter()
        matches = refresh.find_matches(session, party)
        timings.append(time.perf_counter() - started)
        found += len(matches)
    return timings, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000,20000,50000,100000")
    parser.add_argument("--samples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(args.seed)

    workdir = Path(tempfile.mkdtemp(prefix="links-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
            "SECRET_KEY": "bench",
            "AUDIT_KEY": "bench",
            "LINKS_AUTO_REFRESH": False,
        }
    )
    from flask_migrate import upgrade

    from casetrack import reference

    print(f"throwaway database: {workdir / 'bench.db'}")
    print(f"{'parties':>9} {'median ms':>10} {'p90 ms':>8} {'max ms':>8} {'matches/party':>14}")
    with app.app_context():
        upgrade()
        reference.load(db.session)
        db.session.commit()
        offices = list(db.session.scalars(select(Office.id).where(Office.is_member)))
        inserted = 0
        for size in sizes:
            bulk_insert(db.session, offices, inserted + 1, size - inserted, rng)
            inserted = size
            sample = rng.sample(range(1, size + 1), min(args.samples, size))
            time_proposals(db.session, sample[:3])  # warm the caches
            timings, found = time_proposals(db.session, sample)
            timings.sort()
            p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
            print(
                f"{size:>9,} {statistics.median(timings) * 1000:>10.1f} {p90 * 1000:>8.1f} "
                f"{timings[-1] * 1000:>8.1f} {found / len(sample):>14.1f}",
                flush=True,
            )
        db.engine.dispose()


if __name__ == "__main__":
    main()
