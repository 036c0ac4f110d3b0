"""Which recorded target groups fit a person, from what the record itself
says: sex and birth date (both read from the ID number) and the graduate
fields. One rule for every path that records groups (the registry's forms
and API through the resident services, the ledger import, the demo data),
so no man is recorded as a mother of young children and nobody of 30 as
young-old.

Only groups with a definite sex or age are checked; the others (hard to
employ, disabled, low income, ...) depend on facts the record does not hold.
The derived groups (older worker, long-term unemployed, zero-employment
household, recent graduate) are never recorded, so they fit by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.models import Sex, TargetGroupCode


@dataclass(frozen=True)
class GroupFit:
    sex: str | None = None  # the only sex the group fits
    min_age: int | None = None
    max_age: int | None = None  # inclusive
    no_college_degree: bool = False
    message: str = ""


# 低龄老年人: people of 60 to 69 (老年人权益保障法 art. 2 counts from 60; "low age" is the
# first decade). 二孩妈妈: mothers of young children, of child-rearing age. 未升学初高中毕业生:
# school leavers who did not go on to college. Veterans served from 18.
GROUP_FITS: dict[str, GroupFit] = {
    TargetGroupCode.MOTHER_YOUNG_CHILDREN: GroupFit(
        sex=Sex.FEMALE,
        min_age=18,
        max_age=49,
        message=_("A mother of young children is a woman of 18 to 49 (the ID number says otherwise)."),
    ),
    TargetGroupCode.YOUNG_OLD: GroupFit(
        min_age=60, max_age=69, message=_("The young-old are 60 to 69 years old (the ID number says otherwise).")
    ),
    TargetGroupCode.SCHOOL_LEAVER: GroupFit(
        min_age=15,
        max_age=24,
        no_college_degree=True,
        message=_("A school leaver not in further study is 15 to 24 and has no college degree."),
    ),
    TargetGroupCode.VETERAN: GroupFit(min_age=18, message=_("A veteran is at least 18 years old.")),
}
GRADUATE_MIN_AGE = 18


def _age(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def group_fits(
    code: str, *, sex: str | None, birth_date: dt.date | None, on: dt.date, is_graduate: bool = False
) -> bool:
    """Whether a person of this sex and birth date (on `on`) may be in group `code`."""
    fit = GROUP_FITS.get(code)
    if fit is None or birth_date is None:
        return True
    age = _age(birth_date, on)
    return not (
        (fit.sex is not None and sex != fit.sex)
        or (fit.min_age is not None and age < fit.min_age)
        or (fit.max_age is not None and age > fit.max_age)
        or (fit.no_college_degree and is_graduate)
    )


def target_group_problems(
    codes, *, sex: str | None, birth_date: dt.date | None, on: dt.date, is_graduate: bool = False
) -> list[str]:
    """The messages for the groups in `codes` that do not fit the person."""
    return [
        str(GROUP_FITS[code].message)
        for code in sorted(set(codes))
        if not group_fits(code, sex=sex, birth_date=birth_date, on=on, is_graduate=is_graduate)
    ]


def graduation_problem(*, birth_date: dt.date | None, graduation_date: dt.date | None) -> str | None:
    """A college graduation before the person was 18 cannot be right."""
    if birth_date is None or graduation_date is None or _age(birth_date, graduation_date) >= GRADUATE_MIN_AGE:
        return None
    return str(_("The graduation date is before the person turned 18: check it against the ID number."))


def record_fit_problems(resident, codes) -> dict[str, list[str]]:
    """What in a resident record does not fit the person its ID number
    describes, by field: its groups (`codes`) and a college graduation date."""
    problems: dict[str, list[str]] = {}
    groups = target_group_problems(
        codes,
        sex=resident.sex,
        birth_date=resident.birth_date,
        on=timezone.localdate(),
        is_graduate=bool(resident.is_graduate),
    )
    if groups:
        problems["target_groups"] = groups
    graduation = graduation_problem(birth_date=resident.birth_date, graduation_date=resident.graduation_date)
    if graduation and resident.is_graduate:
        problems["graduation_date"] = [graduation]
    return problems
