"""How long folding one name token takes (the matcher folds every spelling it indexes).

Run: ``.venv/bin/python bench/names_bench.py [--words 2000]``. It prints microseconds per
token for words not folded before in the process (no cache helps), and with the cache warm.
Timings live here rather than in tests/, where a loaded machine would make them flaky.
"""

from __future__ import annotations

import argparse
import itertools
import time

from casetrack.names import fold_token

STEMS = ["Алиев", "Xo'ja", "Məmməd", "Қасым", "Щерба", "Ғафуров", "Şükürov", "Ўрозов"]


def words(count: int) -> list[str]:
    """``count`` distinct surnames across the region's scripts."""
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    made = (f"{stem}{a}{b}ов" for stem, a, b in itertools.product(STEMS, letters, letters))
    return list(itertools.islice(made, count))


def per_token(tokens: list[str]) -> float:
    """Seconds per ``fold_token`` call over ``tokens``."""
    start = time.perf_counter()
    for token in tokens:
        fold_token(token)
    return (time.perf_counter() - start) / len(tokens)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000)
    args = parser.parse_args()
    tokens = words(args.words)
    cold = per_token(tokens)
    warm = per_token(tokens)
    print(f"{len(tokens)} tokens: {cold * 1e6:.1f} µs each cold, {warm * 1e6:.2f} µs warm")


if __name__ == "__main__":
    main()
