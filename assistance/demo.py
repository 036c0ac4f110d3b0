"""Demo data for the ledger (a seed_demo seeder, order 50, after residents).

For each community with a staff login, open cases for some of its registered
unemployed residents, opened between two and fourteen months ago, with
services spread over their year through the one service log: about half on
schedule, the rest behind (overdue items), a few closed because the person
found work; and a case for each zero-employment household. Idempotent: a
resident who already has a case, or a household with one, is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from assistance.models import AidType, AssistanceCase, CaseOrigin, HouseholdCase
from assistance.schedule import COUNTED_KINDS, DEFAULT_SCHEDULE, month_end, parse_schedule
from stations.models import Community, EmploymentStatus, Household, Resident, Role, ServiceChannel, User

PER_COMMUNITY = {"small": 6, "city": 20}
NOTES = {
    "policy_contact": ["讲解失业保险金申领政策", "告知社保补贴政策", "介绍一次性创业补贴"],
    "career_guidance": ["电话职业指导，梳理求职意向", "上门职业指导", "简历修改指导"],
    "job_recommendation": ["推荐社区超市理货员岗位", "推荐物业保洁岗位", "推荐家政服务员岗位"],
    "training_information": ["推送育婴员培训班信息", "推送电商直播夜课信息", "推送中式面点培训信息"],
}


def seed_assistance(*, scale: str, rng, stdout=None) -> None:
    from assistance import services

    today = timezone.localdate()
    schedule = parse_schedule(DEFAULT_SCHEDULE)
    per_community = PER_COMMUNITY.get(scale, PER_COMMUNITY["small"])
    opened = services_written = 0
    any_case = AssistanceCase.objects.filter(resident=OuterRef("pk"))
    for community in Community.objects.order_by("code"):
        staff = list(User.objects.filter(role=Role.COMMUNITY_STAFF, community=community, is_active=True).order_by("pk"))
        if not staff:
            continue
        waiting = list(
            Resident.objects.filter(community=community, removed_at__isnull=True)
            .filter(employment_status=EmploymentStatus.UNEMPLOYED)
            .exclude(Exists(any_case))
            .order_by("pk")[:per_community]
        )
        for index, resident in enumerate(waiting):
            actor = staff[index % len(staff)]
            months_ago = rng.choice([2, 3, 4, 5, 7, 8, 10, 13, 14])
            opened_on = today - dt.timedelta(days=months_ago * 30 + rng.randrange(0, 20))
            case = services.case_open(
                actor=actor,
                resident=resident,
                assigned_to=actor,
                aid_type=rng.choice(list(AidType.values)),
                opened_on=opened_on,
                origin=rng.choice([CaseOrigin.STAFF, CaseOrigin.PROPOSED]),
            )
            opened += 1
            on_schedule = index % 2 == 0
            services_written += _give_services(case, actor, schedule, today, rng, on_schedule)
            if index % 5 == 4 and months_ago < 12:
                services.case_close(
                    actor=actor,
                    case=case,
                    reason="found_work",
                    closed_on=min(today, opened_on + dt.timedelta(days=100)),
                    employment_status=rng.choice([EmploymentStatus.EMPLOYED, EmploymentStatus.FLEXIBLE]),
                )
    households = 0
    open_case = HouseholdCase.objects.filter(household=OuterRef("pk"))
    for household in (
        Household.objects.filter(zero_employment_since__isnull=False)
        .exclude(Exists(open_case))
        .select_related("community")
    ):
        actor = (
            User.objects.filter(role=Role.COMMUNITY_STAFF, community=household.community, is_active=True)
            .order_by("pk")
            .first()
        )
        if actor is None:
            continue
        services.household_case_open(actor=actor, household=household, assigned_to=actor)
        households += 1
    if stdout is not None:
        stdout.write(
            f"Assistance: {opened} cases opened, {services_written} services logged, {households} household cases."
        )


def _give_services(case, actor, schedule, today, rng, on_schedule: bool) -> int:
    """Services over the case's elapsed year: enough for every checkpoint
    passed (and the next) when on schedule; one short per kind otherwise."""
    from assistance import services

    written = 0
    for kind in COUNTED_KINDS:
        dates = []
        given = 0
        for point in schedule:
            due_on = month_end(case.opened_on, point.month)
            start = month_end(case.opened_on, point.month - 3) if point.month > 3 else case.opened_on
            need = point.minimums[kind] - given
            if not on_schedule and due_on < today:
                need -= 1  # behind: the last one of each period never happened
            for _ in range(max(0, need)):
                span = max(0, (min(due_on, today) - start).days)
                day = start + dt.timedelta(days=rng.randrange(0, span + 1))
                if day <= today:
                    dates.append(day)
            given = point.minimums[kind] if on_schedule else max(given, point.minimums[kind] - 1)
            if due_on >= today:
                break
        for day in sorted(dates):
            services.case_service_record(
                actor=actor,
                case=case,
                kind=kind,
                served_on=max(day, case.opened_on),
                channel=rng.choice(
                    [ServiceChannel.PHONE, ServiceChannel.PHONE, ServiceChannel.VISIT, ServiceChannel.STATION]
                ),
                note=rng.choice(NOTES[kind]),
            )
            written += 1
    return written
