"""Demo data for the ledger (a seed_demo seeder, order 90: after the seeders
that move people into and out of work, so the cases follow the registry).

For each community with a staff login:
- a case for each resident registered unemployed now, opened after the
  registration (two to fourteen months ago where the registration allows),
  with services spread over its year through the one service log: about half
  on schedule, the rest behind (overdue items);
- a case closed because the person found work for each unemployment spell of
  the last year that ended in work, closed on the day the history says;
- where fewer than MIN_OPEN people are out of work (the other seeders placed
  them), a few more registered unemployed residents, registered through the
  registry's own service, two of them a zero-employment household;
- a case for each zero-employment household; in 文化路社区 one whose member
  then finds work, so the case closes by itself with that reason.
Then the real reminder run, so the demo logins see the reminders and the
escalations the cases call for (the street officer's and district bureau's).

Idempotent: a community is seeded once (who is out of work changes as other
seeders place people, so picking "the unemployed without a case" again would
add cases on every run), residents are keyed by ID number, a household with
a case is left alone, and the reminder run is made once a day.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from assistance.models import AidType, AssistanceCase, CaseOrigin, HouseholdCase, ReminderRun
from assistance.schedule import COUNTED_KINDS, DEFAULT_SCHEDULE, month_end, parse_schedule
from stations.models import (
    IN_WORK_STATUSES,
    Community,
    EmploymentStatus,
    EmploymentStatusChange,
    Household,
    Resident,
    Role,
    ServiceChannel,
    UnemploymentRegistration,
    User,
)
from stations.validators import id_check_char

PER_COMMUNITY = {"small": 6, "city": 20}
# Open cases each staffed community should show; below it, residents are added.
MIN_OPEN = 3
NOTES = {
    "policy_contact": ["讲解失业保险金申领政策", "告知社保补贴政策", "介绍一次性创业补贴"],
    "career_guidance": ["电话职业指导，梳理求职意向", "上门职业指导", "简历修改指导"],
    "job_recommendation": ["推荐社区超市理货员岗位", "推荐物业保洁岗位", "推荐家政服务员岗位"],
    "training_information": ["推送育婴员培训班信息", "推送电商直播夜课信息", "推送中式面点培训信息"],
}
# Residents added for the ledger: (given name, male, age, months out of work, in the household).
LEDGER_PEOPLE = [
    ("建国", True, 48, 9, True),
    ("桂芳", False, 46, 7, True),
    ("志明", True, 35, 6, False),
    ("秀英", False, 52, 11, False),
]
LEDGER_SURNAMES = "邢邵葛任褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"


def _id_number(rng, region: str, birth: dt.date, male: bool) -> str:
    sex_digit = rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{region}{birth:%Y%m%d}{rng.randrange(0, 100):02d}{sex_digit}"
    return first17 + id_check_char(first17)


def _unemployed_since(resident: Resident) -> dt.date | None:
    registration = (
        UnemploymentRegistration.objects.filter(resident=resident, ended_on__isnull=True)
        .order_by("-registered_on")
        .values_list("registered_on", flat=True)
        .first()
    )
    if registration is not None:
        return registration
    return (
        EmploymentStatusChange.objects.filter(resident=resident, status=EmploymentStatus.UNEMPLOYED)
        .order_by("-changed_on")
        .values_list("changed_on", flat=True)
        .first()
    )


def _spells_ended_in_work(community: Community, since: dt.date) -> list[tuple[Resident, dt.date, dt.date]]:
    """(resident, out of work from, in work from) for spells of the last year
    that ended in work, from the employment history."""
    spells = []
    history: dict[int, list] = {}
    for resident_id, status, changed_on in (
        EmploymentStatusChange.objects.filter(resident__community=community, resident__removed_at__isnull=True)
        .order_by("resident_id", "changed_on", "pk")
        .values_list("resident_id", "status", "changed_on")
    ):
        history.setdefault(resident_id, []).append((status, changed_on))
    residents = Resident.objects.in_bulk(history)
    for resident_id, changes in sorted(history.items()):
        for (status, start), (after, end) in zip(changes, changes[1:], strict=False):
            if status == EmploymentStatus.UNEMPLOYED and after in IN_WORK_STATUSES and start >= since and end > start:
                spells.append((residents[resident_id], start, end))
                break
    return spells


def _ledger_residents(*, community: Community, actor: User, count: int, rng, today: dt.date) -> None:
    """Register `count` people out of work through the registry's service;
    the first two share a household, so it becomes zero-employment on the day
    they were registered unemployed."""
    from stations.services.residents import resident_register

    region = community.street.district.code
    household = None
    surname = rng.choice(LEDGER_SURNAMES)
    for given, male, age, months, in_household in LEDGER_PEOPLE[:count]:
        # The couple shares a surname only by chance; the others each get one.
        name = (surname if in_household and male else rng.choice(LEDGER_SURNAMES)) + given
        birth = today - dt.timedelta(days=age * 365 + rng.randrange(10, 300))
        id_number = _id_number(rng, region, birth, male)
        if Resident.objects.filter(id_number=id_number).exists():
            continue
        if in_household and household is None:
            household = Household.objects.create(community=community, address=f"{community.name}3号楼1单元201室")
        resident_register(
            actor=actor,
            community=community,
            data={
                "name": name,
                "id_number": id_number,
                "mobile": f"13{rng.randrange(10**9):09d}",
                "address": household.address if in_household else f"{community.name}{rng.randrange(1, 30)}号楼",
                "education": rng.choice(["junior", "senior", "vocational"]),
                "skill_level": "none",
                "wants_training": True,
                "wanted_course_types": "家政服务",
                "wanted_job_categories": "保洁、仓储物流",
                "wanted_work_pattern": "full_time",
                "salary_expectation": 3000,
                "target_groups": ["hard_to_employ"],
                "employment_status": EmploymentStatus.UNEMPLOYED,
                "status_since": today - dt.timedelta(days=months * 30 + rng.randrange(0, 10)),
                "registration_number": f"{region}{today.year}{rng.randrange(0, 99999):05d}",
                **({"household": household} if in_household else {}),
            },
        )


def seed_assistance(*, scale: str, rng, stdout=None) -> None:
    from assistance import services

    today = timezone.localdate()
    schedule = parse_schedule(DEFAULT_SCHEDULE)
    per_community = PER_COMMUNITY.get(scale, PER_COMMUNITY["small"])
    opened = services_written = 0
    any_case = AssistanceCase.objects.filter(resident=OuterRef("pk"))
    seeded = set(AssistanceCase.objects.values_list("resident__community_id", flat=True).distinct())
    for community in Community.objects.select_related("street__district").order_by("code"):
        staff = list(User.objects.filter(role=Role.COMMUNITY_STAFF, community=community, is_active=True).order_by("pk"))
        if not staff or community.pk in seeded:
            continue
        unemployed = (
            Resident.objects.filter(community=community, removed_at__isnull=True)
            .filter(employment_status=EmploymentStatus.UNEMPLOYED)
            .exclude(Exists(any_case))
        )
        if unemployed.count() < MIN_OPEN:
            _ledger_residents(
                community=community, actor=staff[0], count=MIN_OPEN - unemployed.count() + 1, rng=rng, today=today
            )
        for index, resident in enumerate(unemployed.order_by("pk")[:per_community]):
            actor = staff[index % len(staff)]
            months_ago = rng.choice([2, 3, 4, 5, 7, 8, 10, 13, 14])
            chosen = today - dt.timedelta(days=months_ago * 30 + rng.randrange(0, 20))
            # Not before the person was registered out of work.
            opened_on = max(chosen, _unemployed_since(resident) or chosen)
            case = services.case_open(
                actor=actor,
                resident=resident,
                assigned_to=actor,
                aid_type=rng.choice(list(AidType.values)),
                opened_on=opened_on,
                origin=rng.choice([CaseOrigin.STAFF, CaseOrigin.PROPOSED]),
            )
            opened += 1
            services_written += _give_services(case, actor, schedule, today, rng, on_schedule=index % 2 == 0)
        for index, (resident, start, found_work) in enumerate(
            _spells_ended_in_work(community, since=today - dt.timedelta(days=400))
        ):
            # Only people still in work: closing for work would otherwise record a new job.
            if (
                resident.employment_status not in IN_WORK_STATUSES
                or AssistanceCase.objects.filter(resident=resident).exists()
            ):
                continue
            actor = staff[index % len(staff)]
            opened_on = min(start + dt.timedelta(days=rng.randrange(1, 15)), found_work)
            case = services.case_open(actor=actor, resident=resident, assigned_to=actor, opened_on=opened_on)
            services_written += _give_services(case, actor, schedule, found_work, rng, on_schedule=True)
            services.case_close(actor=actor, case=case, reason="found_work", closed_on=found_work)
            opened += 1
    households = _household_cases(today=today)
    run_note = "already run today"
    if not ReminderRun.objects.filter(day=today).exists():
        from assistance.reminders import reminders_send

        run = reminders_send(today=today)
        run_note = f"{run.escalations} escalations, {run.sent} notifications"
    if stdout is not None:
        stdout.write(
            f"Assistance: {opened} cases opened, {services_written} services logged, {households} household cases; "
            f"reminder run: {run_note}."
        )


def _household_cases(*, today: dt.date) -> int:
    """A case for each zero-employment household without one; in 文化路社区 a
    member of such a household then finds work through the registry, so its
    case closes by itself with that reason."""
    from assistance import services
    from stations.services.residents import resident_employment_status_change

    opened = 0
    any_case = HouseholdCase.objects.filter(household=OuterRef("pk"))
    for household in (
        Household.objects.filter(zero_employment_since__isnull=False)
        .exclude(Exists(any_case))
        .select_related("community")
        .order_by("pk")
    ):
        actor = (
            User.objects.filter(role=Role.COMMUNITY_STAFF, community=household.community, is_active=True)
            .order_by("pk")
            .first()
        )
        if actor is None:
            continue
        services.household_case_open(actor=actor, household=household, assigned_to=actor)
        opened += 1
        if household.community.code == "370402004001":
            member = household.members.filter(employment_status=EmploymentStatus.UNEMPLOYED).order_by("pk").first()
            own_case = AssistanceCase.objects.filter(resident=member, status="open").first() if member else None
            if own_case is not None:
                # Staff close the member's own case for work; the registry records the
                # job, and the household case closes by itself.
                services.case_close(actor=actor, case=own_case, reason="found_work", note="社区推荐至物业保洁岗位")
            elif member is not None:
                resident_employment_status_change(
                    actor=actor,
                    resident=member,
                    status=EmploymentStatus.EMPLOYED,
                    changed_on=today,
                    note="社区推荐至物业保洁岗位",
                )
    return opened


def _give_services(case, actor, schedule, until, rng, on_schedule: bool) -> int:
    """Services over the case's year up to `until`. On schedule: every
    minimum of the checkpoints passed, and the next one's ahead of time.
    Behind: one short at each checkpoint passed and nothing ahead, so the
    case is overdue from its last checkpoint (and escalates in time)."""
    from assistance import services

    written = 0
    for kind in COUNTED_KINDS:
        dates = []
        given = 0
        for point in schedule:
            due_on = month_end(case.opened_on, point.month)
            start = month_end(case.opened_on, point.month - 3) if point.month > 3 else case.opened_on
            ahead = due_on >= until
            if ahead and not on_schedule:
                break
            target = point.minimums[kind] - (0 if on_schedule else 1)
            for _ in range(max(0, target - given)):
                span = max(0, (min(due_on, until) - start).days)
                dates.append(min(until, start + dt.timedelta(days=rng.randrange(0, span + 1))))
            given = max(given, target)
            if ahead:
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


# Help requests waiting in each staffed community: (need, name, note, days ago).
DEMO_HELP_REQUESTS = [
    ("find_work", "赵秀英", "想找离家近、能接送孩子的工作", 0),
    ("training", "孙立军", "想学电工，有证书的培训班", 4),
]


def seed_help_requests(*, scale: str, rng, stdout=None) -> None:
    """Two waiting help requests per staffed community (one overdue), through
    the submit service. Idempotent: a community that has requests is skipped."""
    from assistance.models import HelpRequest
    from assistance.services.help import help_request_submit

    made = 0
    now = timezone.now()
    staffed = User.objects.filter(role=Role.COMMUNITY_STAFF, is_active=True).values("community_id")
    for index, community in enumerate(Community.objects.filter(pk__in=staffed).order_by("code")):
        if HelpRequest.objects.filter(community=community).exists():
            continue
        for n, (need, name, note, days_ago) in enumerate(DEMO_HELP_REQUESTS):
            help_request_submit(
                community=community,
                need=need,
                name=name,
                mobile=f"1390632{index % 100:02d}{n:02d}",
                note=note,
                text_consent=True,
                now=now - dt.timedelta(days=days_ago),
            )
            made += 1
    if stdout is not None:
        stdout.write(f"Help requests: {made} waiting for an answer.")
