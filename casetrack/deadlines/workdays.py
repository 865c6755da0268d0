"""Deadline arithmetic in calendar days or in the working days of the country that owes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _calendar(country: str, first_year: int, last_year: int) -> holidays.HolidayBase:
    years = range(first_year, last_year + 1)
    try:
        return holidays.country_holidays(country, years=years)
    except NotImplementedError:
        # A counterpart whose calendar the package lacks still has weekends; counting them
        # beats refusing to open the deadline at all.
        return holidays.HolidayBase(years=years)


def calendar_for(country: str, around: date, days: int = 0) -> holidays.HolidayBase:
    """The public-holiday calendar of ``country`` for the years a count from ``around`` spans."""
    span = max(1, abs(days) * 2 // 365 + 1)
    return _calendar(country.upper(), around.year - 1, around.year + span)


def is_working_day(country: str, day: date) -> bool:
    """Tell whether ``day`` is a working day in ``country`` (weekends, holidays, transfers)."""
    return calendar_for(country, day).is_working_day(day)


@dataclass(frozen=True)
class Rule:
    """A time limit: a number of days, counted as calendar days or as business days."""

    days: int
    is_business: bool = False

    def due(self, start: date, country: str) -> date:
        """The due date of a limit starting on ``start`` owed by an office of ``country``."""
        if not self.is_business:
            return start + timedelta(days=self.days)
        cal = calendar_for(country, start, self.days)
        return cal.get_nth_working_day(start, self.days)

    def describe(self, start: date, country: str) -> str:
        """Say how the due date was computed, for the deadline's record."""
        if self.is_business:
            return (
                f"{self.days} business days from {start.isoformat()} ({country.upper()} calendar)"
            )
        return f"{self.days} calendar days from {start.isoformat()}"
