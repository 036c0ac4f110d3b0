"""Posting screening: a pure function from a posting's fields to flags with reasons.

Every posting is screened before publication, whoever wrote it. The screening
never decides: it flags, and staff approve, edit or reject. Rules follow the
Employment Promotion Law (就业促进法 arts. 3, 26-31: no discrimination by sex,
ethnicity, household registration or marital status) and the Labour Contract
Law art. 9 (an employer may not ask for deposits or fees).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from stations.policy import policy_value

MINIMUM_WAGE_KEY = "jobs.minimum_wage_monthly"


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str

    def as_dict(self) -> dict:
        return {"code": self.code, "reason": self.reason}


# (code, compiled pattern, reason template). Patterns are deliberately narrow:
# "女装" or "male nurse ward" must not trip them, a limit on who may apply must.
_KEYWORD_RULES: list[tuple[str, re.Pattern, str]] = [
    (
        "sex",
        re.compile(
            r"(限|仅限|只限|只招|仅招|要求)\s*(男|女)(性|士|生)?"
            r"|(男|女)(性)?(优先|者优先)"
            r"|\b(males?|females?|men|women)\s+only\b"
            r"|\bonly\s+(males?|females?|men|women)\b",
            re.IGNORECASE,
        ),
        "Limits applicants by sex (“%(match)s”).",
    ),
    (
        "ethnicity",
        re.compile(r"(限|仅限|只限|要求)?\s*(汉族|少数民族)|\b(han|ethnic)\s+(chinese\s+)?only\b", re.IGNORECASE),
        "Limits applicants by ethnicity (“%(match)s”).",
    ),
    (
        "household_registration",
        re.compile(
            r"(限|仅限|只限|要求)\s*(本地|本市|枣庄|城镇|农村)?\s*(户籍|户口)|本地户籍|本市户口|非农户口"
            r"|\blocal\s+(hukou|household\s+registration)\b|\bhukou\s+required\b",
            re.IGNORECASE,
        ),
        "Limits applicants by household registration (“%(match)s”).",
    ),
    (
        "marital_status",
        re.compile(
            r"未婚|已婚已育|已婚|婚育|未育|\b(single|unmarried|married)\s+(only|applicants)\b",
            re.IGNORECASE,
        ),
        "Asks about marital or childbearing status (“%(match)s”).",
    ),
    (
        "fee",
        re.compile(
            r"押金|保证金|培训费|服装费|工装费|报名费|体检费(自理|自付)?|介绍费|中介费|资料费"
            r"|\b(deposit|registration fee|training fee|uniform fee|placement fee)s?\b",
            re.IGNORECASE,
        ),
        "Asks applicants to pay a fee or deposit (“%(match)s”).",
    ),
]
_AGE_IN_TEXT = re.compile(
    r"(\d{2})\s*(岁|周岁)\s*(以下|以内|以上)|(年龄|age)\s*[:：]?\s*(\d{2})\s*[-~至到]\s*(\d{2})", re.I
)

# Working-age bounds the law sets: 16 to the statutory retirement age. A limit
# inside that range needs a stated reason (heavy work, night shifts, ...).
MIN_WORKING_AGE = 16
UNREASONED_AGE_CEILING = 60


def screen_posting(
    *,
    title: str = "",
    description: str = "",
    requirements: str = "",
    salary_min: int | None = None,
    salary_max: int | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    age_limit_reason: str = "",
    on: dt.date | None = None,
    minimum_wage: int | None = None,
) -> list[Flag]:
    """Flags for a posting's content, each with the reason, in a stable order."""
    flags: list[Flag] = []
    if minimum_wage is None:
        minimum_wage = int(policy_value(MINIMUM_WAGE_KEY, on=on))
    if salary_min is not None and salary_min < minimum_wage:
        flags.append(
            Flag(
                "below_minimum_wage",
                _("The lower salary %(salary)s yuan/month is below the local minimum wage of %(minimum)s yuan/month.")
                % {"salary": salary_min, "minimum": minimum_wage},
            )
        )
    text = "\n".join(part for part in (title, description, requirements) if part)
    for code, pattern, reason in _KEYWORD_RULES:
        match = pattern.search(text)
        if match:
            flags.append(Flag(code, _(reason) % {"match": match.group(0).strip()}))
    if not age_limit_reason.strip():
        limited = (age_min is not None and age_min > MIN_WORKING_AGE + 2) or (
            age_max is not None and age_max < UNREASONED_AGE_CEILING
        )
        text_match = _AGE_IN_TEXT.search(text)
        if limited or text_match:
            shown = (
                text_match.group(0)
                if text_match and not limited
                else (f"{age_min or MIN_WORKING_AGE}–{age_max}" if age_max is not None else f"{age_min}+")
            )
            flags.append(
                Flag(
                    "age_limit",
                    _("Sets an age limit (%(limit)s) without a reason; add the reason or remove the limit.")
                    % {"limit": shown},
                )
            )
    return flags


def screen(posting, *, on: dt.date | None = None) -> list[Flag]:
    """Screen a Posting instance (or anything with the same attributes)."""
    return screen_posting(
        title=posting.title or "",
        description=posting.description or "",
        requirements=posting.requirements or "",
        salary_min=posting.salary_min,
        salary_max=posting.salary_max,
        age_min=posting.age_min,
        age_max=posting.age_max,
        age_limit_reason=posting.age_limit_reason or "",
        on=on,
    )
