"""Derived target groups and the four clears, as filters and for one record.

The derived groups (older worker, long-term unemployed, zero-employment
household, recent unemployed graduate) are filters built from stored facts,
never typed; the four clears are the same rules as Resident.four_clears(),
as filters for per-community counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stations.models import (
    IN_WORK_STATUSES,
    Community,
    EmploymentStatus,
    Resident,
    Sex,
    TargetGroupCode,
    UnemploymentRegistration,
)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# --- derived target groups ----------------------------------------------------
# Older workers (大龄): women 40 and over, men 50 and over.
OLDER_WORKER_AGE: dict[str, int] = {Sex.FEMALE: 40, Sex.MALE: 50}


def older_worker_q(on: dt.date) -> Q:
    return Q(sex=Sex.FEMALE, birth_date__lte=years_before(on, OLDER_WORKER_AGE[Sex.FEMALE])) | Q(
        sex=Sex.MALE, birth_date__lte=years_before(on, OLDER_WORKER_AGE[Sex.MALE])
    )


def long_term_unemployed_exists(on: dt.date) -> Exists:
    """长期失业: an unemployment registration open for more than one year."""
    return Exists(
        UnemploymentRegistration.objects.filter(
            resident=OuterRef("pk"), ended_on__isnull=True, registered_on__lt=years_before(on, 1)
        )
    )


def long_term_unemployed_q(on: dt.date) -> Q:
    return Q(long_term_unemployed_exists(on))


def zero_employment_household_q(on: dt.date) -> Q:
    """零就业家庭: the household was flagged by household_zero_employment_refresh."""
    return Q(household__zero_employment_since__isnull=False, household__zero_employment_since__lte=on)


def recent_graduate_q(on: dt.date) -> Q:
    """离校未就业高校毕业生: left college within two years and not in work."""
    return (
        Q(is_graduate=True, graduation_date__gte=years_before(on, 2), graduation_date__lte=on)
        & ~Q(employment_status__in=IN_WORK_STATUSES)
        & ~Q(employment_status=EmploymentStatus.NOT_IN_LABOUR_FORCE)
    )


@dataclass(frozen=True)
class DerivedGroup:
    code: str
    label: str | Promise  # a lazy translation
    q: Callable[[dt.date], Q]


DERIVED_GROUPS: dict[str, DerivedGroup] = {
    g.code: g
    for g in (
        DerivedGroup("older_worker", _("Older worker (大龄)"), older_worker_q),
        DerivedGroup("long_term_unemployed", _("Long-term unemployed (长期失业)"), long_term_unemployed_q),
        DerivedGroup("zero_employment", _("Zero-employment household (零就业家庭)"), zero_employment_household_q),
        DerivedGroup("recent_graduate", _("Unemployed graduate within two years (离校未就业)"), recent_graduate_q),
    )
}


def target_group_choices() -> list[tuple[str, str | Promise]]:
    """Typed groups then derived ones, for filter drop-downs."""
    return [*TargetGroupCode.choices, *((g.code, g.label) for g in DERIVED_GROUPS.values())]


# --- four clears ------------------------------------------------------------------
# The same rules as Resident.four_clears(), as filters (for per-community counts).
FOUR_CLEARS_Q = {
    "basic": ~Q(name="")
    & ~Q(id_number="")
    & ~Q(mobile="")
    & ~Q(address="")
    & ~Q(education="")
    & ~Q(employment_status=""),
    "skill": ~Q(skill_level=""),
    "training": Q(wants_training__isnull=False),
    "direction": Q(employment_status__in=[*IN_WORK_STATUSES, EmploymentStatus.NOT_IN_LABOUR_FORCE])
    | ((~Q(wanted_occupation="") | ~Q(wanted_job_categories="")) & ~Q(wanted_work_pattern="")),
}


# --- four-clears summary ---------------------------------------------------------------
def four_clears_summary(*, user) -> QuerySet[Community]:
    """Per community in scope: active residents, each of the four clears and
    complete records. One query."""
    active = Q(residents__removed_at__isnull=True)
    annotations = {
        "residents_total": Count("residents", filter=active),
        "complete": Count("residents", filter=active & Q(residents__four_clears_score=4)),
    }
    for key, q in FOUR_CLEARS_Q.items():
        annotations[f"clear_{key}"] = Count("residents", filter=active & _prefixed(q, "residents"))
    return Community.objects.visible_to(user).select_related("street").annotate(**annotations).order_by("code")


def _prefixed(q: Q, prefix: str) -> Q:
    """The same filter seen from a related model (`name` -> `residents__name`)."""
    clone = Q()
    clone.connector, clone.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            clone.children.append(_prefixed(child, prefix))
        else:
            key, value = child
            clone.children.append((f"{prefix}__{key}", value))
    return clone


def derived_group_codes(resident: Resident, on: dt.date | None = None) -> list[str]:
    """The derived groups one loaded record falls in, by the same rules as the
    filters above (the list annotates `long_term_unemployed`; without the
    annotation that flag costs one query)."""
    on = on or timezone.localdate()
    codes = []
    if resident.birth_date and resident.birth_date <= years_before(on, OLDER_WORKER_AGE.get(resident.sex, 50)):
        codes.append("older_worker")
    long_term = getattr(resident, "long_term_unemployed", None)
    if long_term is None:
        long_term = Resident.objects.filter(long_term_unemployed_q(on), pk=resident.pk).exists()
    if long_term:
        codes.append("long_term_unemployed")
    household = resident.household if resident.household_id else None
    if household is not None and household.zero_employment_since and household.zero_employment_since <= on:
        codes.append("zero_employment")
    if (
        resident.is_graduate
        and resident.graduation_date
        and years_before(on, 2) <= resident.graduation_date <= on
        and resident.employment_status not in (*IN_WORK_STATUSES, EmploymentStatus.NOT_IN_LABOUR_FORCE)
    ):
        codes.append("recent_graduate")
    return codes
