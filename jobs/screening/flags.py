"""Screening a posting's fields against the rules and the minimum wage: flags
as stored (codes, the field, the words that matched or the figures)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from dataclasses import field as dc_field

from stations.policy import policy_value

from .rules import (
    AGE_IN_TEXT,
    BLOCKING_CODES,
    MIN_WORKING_AGE,
    RULES,
    SCREENED_FIELDS,
    UNREASONED_AGE_CEILING,
    limits_age,
)

MINIMUM_WAGE_KEY = "jobs.minimum_wage_monthly"
MINIMUM_HOURLY_WAGE_KEY = "jobs.minimum_wage_hourly"

# Working days per month for a monthly wage (劳社部发〔2008〕3号: 月计薪天数
# 21.75) and hours in a standard working day (Labour Law art. 36).
PAID_DAYS_PER_MONTH = 21.75
HOURS_PER_DAY = 8


@dataclass(frozen=True)
class Flag:
    code: str
    field: str = ""
    match: str = ""
    params: dict = dc_field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.code in BLOCKING_CODES

    def as_dict(self) -> dict:
        data = {"code": self.code, "field": self.field}
        if self.match:
            data["match"] = self.match
        if self.params:
            data["params"] = self.params
        return data


def minimum_pay(pay_unit: str, work_pattern: str, *, monthly: int, hourly: int) -> tuple[int, str]:
    """The lowest lawful pay in `pay_unit` for `work_pattern`, and which rule
    gives it: the monthly minimum for a monthly wage; the hourly one for an
    hourly wage; a day rate is the monthly minimum over 21.75 paid days for
    full-time work, else 8 hours at the hourly minimum (day labour)."""
    if pay_unit == "hour":
        return hourly, "hourly"
    if pay_unit == "day":
        if work_pattern == "full_time":
            return math.ceil(monthly / PAID_DAYS_PER_MONTH), "daily_full_time"
        return hourly * HOURS_PER_DAY, "daily_hours"
    return monthly, "monthly"


def screen_posting(
    *,
    title: str = "",
    description: str = "",
    requirements: str = "",
    working_hours: str = "",
    age_limit_reason: str = "",
    salary_min: int | None = None,
    pay_unit: str = "month",
    work_pattern: str = "",
    age_min: int | None = None,
    age_max: int | None = None,
    minimum_monthly: int,
    minimum_hourly: int,
) -> list[Flag]:
    """Flags for a posting's content, in a stable order (the rules' order).
    Pure: the minimum wages are given, so a migration or a test can call it."""
    flags: list[Flag] = []
    if work_pattern == "part_time" and pay_unit == "month":
        flags.append(Flag("part_time_pay_unit", "pay_unit"))
    elif salary_min is not None:
        minimum, basis = minimum_pay(pay_unit, work_pattern, monthly=minimum_monthly, hourly=minimum_hourly)
        if salary_min < minimum:
            flags.append(
                Flag(
                    "below_minimum_wage",
                    "salary_min",
                    params={"salary": salary_min, "minimum": minimum, "unit": pay_unit, "basis": basis},
                )
            )
    texts = {
        "title": title,
        "description": description,
        "requirements": requirements,
        "working_hours": working_hours,
        "age_limit_reason": age_limit_reason,
    }
    for rule in RULES.values():
        if rule.pattern is None:
            continue
        for name in SCREENED_FIELDS:
            match = rule.pattern.search(texts[name] or "")
            if match:
                flags.append(Flag(rule.code, name, match.group(0).strip()[:40]))
                break
    limited = (age_min is not None and age_min > MIN_WORKING_AGE + 2) or (
        age_max is not None and age_max < UNREASONED_AGE_CEILING
    )
    if limited:
        shown = f"{age_min or MIN_WORKING_AGE}–{age_max}" if age_max is not None else f"{age_min}+"
        flags.append(Flag("age_limit", "age_max" if age_max is not None else "age_min", shown))
    else:
        in_text = next(
            ((name, m) for name in SCREENED_FIELDS for m in AGE_IN_TEXT.finditer(texts[name] or "") if limits_age(m)),
            None,
        )
        if in_text is not None:
            flags.append(Flag("age_limit", in_text[0], in_text[1].group(0).strip()))
    order = list(RULES)
    return sorted(flags, key=lambda f: order.index(f.code))


def minimum_wages(on: dt.date | None = None) -> tuple[int, int]:
    """(monthly, hourly) minimum wages in force on `on`: policy parameters."""
    return int(policy_value(MINIMUM_WAGE_KEY, on=on)), int(policy_value(MINIMUM_HOURLY_WAGE_KEY, on=on))


def screen(posting, *, on: dt.date | None = None, wages: tuple[int, int] | None = None) -> list[Flag]:
    """Screen a Posting instance (or anything with the same attributes)."""
    monthly, hourly = wages or minimum_wages(on)
    return screen_posting(
        title=posting.title or "",
        description=posting.description or "",
        requirements=posting.requirements or "",
        working_hours=posting.working_hours or "",
        age_limit_reason=posting.age_limit_reason or "",
        salary_min=posting.salary_min,
        pay_unit=posting.pay_unit or "month",
        work_pattern=posting.work_pattern or "",
        age_min=posting.age_min,
        age_max=posting.age_max,
        minimum_monthly=monthly,
        minimum_hourly=hourly,
    )
