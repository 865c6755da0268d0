"""The median and 90th percentile of the days to each milestone, read from the requests.

``DurationQueries`` is a part of ``NetworkQueries`` (which it is mixed into): it uses its
session, dialect, ``base`` and ``milestone_conditions``. The tallied durations, when no
period is chosen, are in ``monitoring.tallied``.
"""

from __future__ import annotations

from sqlalchemy import Select, and_, case, func, or_, select, true

from casetrack.models import Request
from casetrack.monitoring.sql import (
    MEDIAN,
    MILESTONES,
    P90,
    FromOffice,
    ToOffice,
    assistance_type_table,
    days_between,
)


class DurationQueries:
    """The durations' percentiles of ``NetworkQueries``: per country pair or assistance type."""

    def _group_keys(self, group: str) -> tuple[list, object | None]:
        if group == "pair":
            return [
                FromOffice.country_code.label("from_country"),
                ToOffice.country_code.label("to_country"),
            ], None
        table = assistance_type_table(self.dialect)
        return [table.c.value.label("assistance_type")], table

    def all_durations(self, group: str) -> dict[str, list[dict]]:
        """Median and 90th percentile of the days to each milestone, per pair or per type.

        On PostgreSQL both milestones come from one pass (``percentile_cont`` skips the
        NULL durations of requests without the milestone), its sort kept in memory; SQLite
        ranks with window functions, a query per milestone.
        """
        if self.dialect != "postgresql":
            return {milestone: self.durations(milestone, group) for milestone in MILESTONES}
        keys, table = self._group_keys(group)
        durations = {}
        for milestone in MILESTONES:
            end = Request.acknowledged_at if milestone == "acknowledged" else Request.closed_at
            reached = and_(*self.milestone_conditions(milestone))
            days = days_between(self.dialect, Request.sent_at, end)
            durations[milestone] = case((reached, days)).label(f"days_{milestone}")
        inner = self.base(*keys, *durations.values())
        if table is not None:
            inner = inner.join(table, true())
        inner = inner.where(
            or_(*(and_(*self.milestone_conditions(m)) for m in MILESTONES))
        ).subquery("durations")
        names = [key.name for key in keys]
        group_cols = [inner.c[name] for name in names]
        measures = []
        for milestone in MILESTONES:
            column = inner.c[f"days_{milestone}"]
            measures += [
                func.percentile_cont(MEDIAN[0] / MEDIAN[1]).within_group(column),
                func.percentile_cont(P90[0] / P90[1]).within_group(column),
                func.count(column),
            ]
        stmt = select(*group_cols, *measures).group_by(*group_cols).order_by(*group_cols)
        result: dict[str, list[dict]] = {milestone: [] for milestone in MILESTONES}
        for row in self.session.execute(stmt):
            key = dict(zip(names, row[: len(names)], strict=True))
            for index, milestone in enumerate(MILESTONES):
                median, p90, count = row[len(names) + 3 * index : len(names) + 3 * index + 3]
                if count:
                    result[milestone].append(
                        {
                            **key,
                            "median_days": round(float(median), 2),
                            "p90_days": round(float(p90), 2),
                            "count": count,
                        }
                    )
        return result

    def durations(self, milestone: str, group: str) -> list[dict]:
        """Median and 90th percentile of the days to ``milestone``, per pair or per type."""
        end = Request.acknowledged_at if milestone == "acknowledged" else Request.closed_at
        days = days_between(self.dialect, Request.sent_at, end).label("days")
        keys, table = self._group_keys(group)
        inner = self.base(*keys, days)
        if table is not None:
            inner = inner.join(table, true())
        inner = inner.where(*self.milestone_conditions(milestone))
        names = [key.name for key in keys]
        if self.dialect == "postgresql":
            sub = inner.subquery("durations")
            group_cols = [sub.c[name] for name in names]
            stmt = select(
                *group_cols,
                func.percentile_cont(MEDIAN[0] / MEDIAN[1]).within_group(sub.c.days),
                func.percentile_cont(P90[0] / P90[1]).within_group(sub.c.days),
                func.count(),
            )
        else:
            stmt, group_cols = self._window_percentiles(inner, names)
        stmt = stmt.group_by(*group_cols).order_by(*group_cols)
        return [
            {
                **dict(zip(names, row[: len(names)], strict=True)),
                "median_days": round(float(row[-3]), 2),
                "p90_days": round(float(row[-2]), 2),
                "count": row[-1],
            }
            for row in self.session.execute(stmt)
        ]

    @staticmethod
    def _window_percentiles(inner: Select, names: list[str]):
        """Percentiles as percentile_cont computes them, with window functions (for SQLite).

        Rows are numbered per group in order of duration; the percentile p sits at position
        1 + p·(n − 1), between the row at its whole part and the next, interpolated linearly.
        """
        source = inner.subquery("durations")
        partition = [source.c[name] for name in names]
        ranked = select(
            *partition,
            source.c.days,
            func.row_number().over(partition_by=partition, order_by=source.c.days).label("rn"),
            func.count().over(partition_by=partition).label("n"),
        ).subquery("ranked")

        def percentile(fraction: tuple[int, int]):
            numerator, denominator = fraction
            steps = (ranked.c.n - 1) * numerator
            low_rank = steps // denominator + 1
            share = (steps % denominator) * 1.0 / denominator
            low = func.max(case((ranked.c.rn == low_rank, ranked.c.days)))
            high = func.max(case((ranked.c.rn == low_rank + 1, ranked.c.days)))
            return low + func.max(share) * (func.coalesce(high, low) - low)

        group_cols = [ranked.c[name] for name in names]
        stmt = select(*group_cols, percentile(MEDIAN), percentile(P90), func.count())
        return stmt, group_cols
