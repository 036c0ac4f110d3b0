"""Report periods: YYYY-MM, YYYY-Qn, YYYY, or FROM..TO (ISO dates)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stations.figures import Period, month_period

__all__ = [
    "last_months",
    "month_period",
    "parse_period",
    "previous_month",
    "previous_period",
    "same_period_last_year",
]


def parse_period(text: str) -> Period:
    value = (text or "").strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            return month_period(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", value):
            year, quarter = int(m[1]), int(m[2])
            start = dt.date(year, 3 * quarter - 2, 1)
            return Period(start, month_period(year, 3 * quarter).end, f"{year}-Q{quarter}")
        if m := re.fullmatch(r"(\d{4})", value):
            year = int(m[1])
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
        if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", value):
            start, end = dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
            if end < start:
                raise ValidationError(_("The period ends before it starts."))
            return Period(start, end, f"{start:%Y-%m-%d}..{end:%Y-%m-%d}")
    except ValueError:
        pass
    raise ValidationError(
        _("Write the period as 2026-10 (a month), 2026-Q3 (a quarter), 2026 (a year) or 2026-01-01..2026-03-31.")
    )


def previous_month(today: dt.date) -> Period:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return month_period(first.year, first.month)


def last_months(end_month: Period, count: int) -> list[Period]:
    periods = []
    year, month = end_month.start.year, end_month.start.month
    for _i in range(count):
        periods.append(month_period(year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(periods))


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def previous_period(period: Period) -> Period:
    """The period just before, of the same kind (环比): the month, quarter or
    year before; for a range, as many days ending the day before it starts."""
    label = period.label
    if re.fullmatch(r"\d{4}-\d{2}", label):
        return last_months(period, 2)[0]
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        year, quarter = int(m[1]), int(m[2])
        return parse_period(f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4")
    if re.fullmatch(r"\d{4}", label):
        return parse_period(str(int(label) - 1))
    end = period.start - dt.timedelta(days=1)
    start = end - (period.end - period.start)
    return Period(start, end, f"{start:%Y-%m-%d}..{end:%Y-%m-%d}")


def same_period_last_year(period: Period) -> Period:
    """The same period a year earlier (同比)."""
    label = period.label
    if re.fullmatch(r"\d{4}-\d{2}", label) or re.fullmatch(r"\d{4}-Q[1-4]", label) or re.fullmatch(r"\d{4}", label):
        return parse_period(str(int(label[:4]) - 1) + label[4:])
    start, end = _shift_year(period.start, -1), _shift_year(period.end, -1)
    return Period(start, end, f"{start:%Y-%m-%d}..{end:%Y-%m-%d}")
