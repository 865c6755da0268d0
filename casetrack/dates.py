"""Dates written out as official letters and pages write them, in English or Russian."""

from __future__ import annotations

from datetime import date

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS_RU = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
#: What a letter says where a date was never recorded.
UNKNOWN = {"en": "date not recorded", "ru": "дата не записана"}


def long_date(day: date | None, lang: str) -> str:
    """Write a date as official letters do: "12 April 2026" / "12 апреля 2026 г."."""
    if day is None:
        return UNKNOWN["ru" if lang == "ru" else "en"]
    if lang == "ru":
        return f"{day.day} {_MONTHS_RU[day.month - 1]} {day.year} г."
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    """Write a date in the form both languages read alike: 12.04.2026."""
    return day.strftime("%d.%m.%Y") if day else ""
