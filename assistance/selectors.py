"""Reads of the hardship ledger shared by pages, API, reminders and reports.

Each selector takes the user and starts from `visible_to(user)`. Counts of
the 12333 services come only from the service log (stations ServiceRecord),
aggregated in one query for any number of cases (`annotate_counts`); the pure
functions in assistance.schedule turn those counts into progress.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)

from assistance import clock
from assistance.models import AssistanceCase, CaseStatus, CloseReason, HouseholdCase, HouseholdCaseStatus
from assistance.schedule import (
    COUNTED_KINDS,
    DUE_SOON_KEY,
    HOUSEHOLD_PLACEMENT_KEY,
    SCHEDULE_KEY,
    Checkpoint,
    case_is_compliant,
    case_progress,
    household_progress,
    latest_opening_due_by,
    parse_schedule,
)
from stations.models import (
    IN_WORK_STATUSES,
    EmploymentStatus,
    EmploymentStatusChange,
    Household,
    Resident,
    Role,
    ServiceRecord,
    TargetGroupCode,
    User,
)
from stations.policy import policy_value
from stations.scoping import get_visible_or_404


def count_field(kind: str) -> str:
    return f"n_{kind}"


def current_schedule(*, on: dt.date | None = None) -> list[Checkpoint]:
    """The 12333 schedule in force on `on` (the ledger's today by default)."""
    return parse_schedule(policy_value(SCHEDULE_KEY, on=on or clock.today()))


def window_end():
    """Last day whose services count for a case: its closing date if it closed
    within the first year, else the last day of the first year."""
    return Case(
        When(closed_on__lt=F("year_ends_on"), then=F("closed_on")),
        default=F("year_ends_on"),
        output_field=DateField(),
    )


def annotate_counts(qs: QuerySet[AssistanceCase]) -> QuerySet[AssistanceCase]:
    """Add `n_<kind>` for the four counted kinds: the resident's services in
    the log dated within the case's counting window (first year, up to the
    closing date).

    One correlated COUNT per kind, each answered from the log's
    (resident, kind, served_on) index, in the same single query for any
    number of cases: no per-case queries, no GROUP BY over the whole log,
    and a paginated list only counts the rows it shows."""
    qs = qs.annotate(count_until=window_end())
    counts = {}
    for kind in COUNTED_KINDS:
        services = (
            ServiceRecord.objects.filter(
                resident_id=OuterRef("resident_id"),
                kind=kind,
                served_on__gte=OuterRef("opened_on"),
                served_on__lte=OuterRef("count_until"),
            )
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        counts[count_field(kind)] = Subquery(services, output_field=IntegerField())
    return qs.annotate(**counts)


def counts_of(case) -> dict[str, int]:
    return {kind: getattr(case, count_field(kind), 0) for kind in COUNTED_KINDS}


def progress_of(case, *, schedule: list[Checkpoint] | None = None, today: dt.date | None = None):
    """Progress of an annotated case (see annotate_counts)."""
    return case_progress(
        opened_on=case.opened_on,
        counts=counts_of(case),
        schedule=schedule if schedule is not None else current_schedule(),
        today=today or clock.today(),
        closed_on=case.closed_on,
    )


def due_q(schedule: list[Checkpoint], *, due_after: dt.date | None, due_by: dt.date) -> Q:
    """Cases (annotated with counts) with at least one unmet cumulative
    minimum whose date falls in (due_after, due_by]. The date of checkpoint
    M is monotonic in `opened_on`, so each (checkpoint, kind) pair becomes a
    range on opened_on plus a count comparison: plain SQL, no date maths."""
    q = Q()
    for point in schedule:
        on_or_before = latest_opening_due_by(due_by, point.month)
        date_q = Q(opened_on__lte=on_or_before)
        if due_after is not None:
            date_q &= Q(opened_on__gt=latest_opening_due_by(due_after, point.month))
        for kind in COUNTED_KINDS:
            if point.minimums[kind] > 0:
                q |= date_q & Q(**{f"{count_field(kind)}__lt": point.minimums[kind]})
    return q


def opening_ranges(schedule: list[Checkpoint], *, due_after: dt.date | None, due_by: dt.date) -> list[tuple]:
    """For each checkpoint, the (exclusive low, inclusive high) opening dates
    whose checkpoint falls in (due_after, due_by]; low is None when unbounded."""
    return [
        (
            None if due_after is None else latest_opening_due_by(due_after, point.month),
            latest_opening_due_by(due_by, point.month),
        )
        for point in schedule
    ]


def opening_range(schedule: list[Checkpoint], *, due_after: dt.date | None, due_by: dt.date) -> Q:
    """A superset of due_q on opened_on alone (one range per checkpoint), so
    the database prunes cases by index before it counts any service."""
    q = Q(pk__in=[])
    for low, high in opening_ranges(schedule, due_after=due_after, due_by=due_by):
        q |= Q(opened_on__lte=high) & (Q() if low is None else Q(opened_on__gt=low))
    return q


def due_cases(
    qs: QuerySet[AssistanceCase], *, schedule, due_after: dt.date | None, due_by: dt.date
) -> QuerySet[AssistanceCase]:
    """Open cases with something due in (due_after, due_by], counts annotated."""
    qs = qs.filter(status=CaseStatus.OPEN).filter(opening_range(schedule, due_after=due_after, due_by=due_by))
    return annotate_counts(qs).filter(due_q(schedule, due_after=due_after, due_by=due_by))


@dataclass(frozen=True)
class DueWindow:
    """Cases with an unmet minimum dated in (due_after, due_by]; with
    `min_case_id`, only cases with a larger id (opened since some point)."""

    due_after: dt.date | None
    due_by: dt.date
    min_case_id: int | None = None


def due_sql(
    qs: QuerySet[AssistanceCase], *, schedule, windows: list[DueWindow], values: dict, fields: tuple[str, ...]
) -> tuple[str, list]:
    """Cases of `qs` with an unmet minimum dated in any of `windows`, as
    (sql, params) selecting `fields`, the `values` expressions and the counts.

    The same selection as due_cases, written so each COUNT runs once: the
    inner query prunes cases by opening date (one range per checkpoint and
    window, index on status + opened_on) and counts each kind with a
    correlated COUNT on the log's (resident, kind, served_on) index; the
    outer WHERE keeps the rows with a count below its minimum. OFFSET 0 keeps
    PostgreSQL from folding the inner query into the outer one, which would
    evaluate every COUNT twice (as filtering on the annotations does)."""
    prune = Q(pk__in=[])
    conditions, condition_params = [], []
    for due in windows:
        ranges = opening_ranges(schedule, due_after=due.due_after, due_by=due.due_by)
        for (low, high), point in zip(ranges, schedule, strict=True):
            if low is not None and low >= high:
                continue
            dates = Q(opened_on__lte=high) & (Q() if low is None else Q(opened_on__gt=low))
            newer = Q() if due.min_case_id is None else Q(pk__gt=due.min_case_id)
            prune |= dates & newer
            for kind in COUNTED_KINDS:
                if point.minimums[kind] > 0:
                    clause, params = ["due.opened_on <= %s"], [high]
                    if low is not None:
                        clause.append("due.opened_on > %s")
                        params.append(low)
                    if due.min_case_id is not None:
                        clause.append("due.id > %s")
                        params.append(due.min_case_id)
                    clause.append(f"due.{count_field(kind)} < %s")
                    params.append(point.minimums[kind])
                    conditions.append("(" + " AND ".join(clause) + ")")
                    condition_params += params
    inner = (
        annotate_counts(qs.filter(prune))
        .annotate(**values)
        .values(*fields, *values, *[count_field(k) for k in COUNTED_KINDS])
        .order_by()
    )
    sql, params = inner.query.sql_with_params()
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    where = " OR ".join(conditions) or "1 = 0"
    return f"SELECT * FROM ({sql}{fence}) due WHERE {where}", [*params, *condition_params]  # noqa: S608


def fetch_due_rows(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [col[0] for col in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # SQLite hands dates back as text
        if isinstance(row["opened_on"], str):
            row["opened_on"] = dt.date.fromisoformat(row["opened_on"])
    return rows


# --- the ledger ---------------------------------------------------------------


def case_list(*, user, filters: dict | None = None, today: dt.date | None = None) -> QuerySet[AssistanceCase]:
    """Cases in the user's node, counts annotated, newest first.

    filters: status, assigned_to (pk or "me"), community (pk), due ("week":
    something due in the next seven days), overdue (truthy), q (name).
    """
    filters = filters or {}
    today = today or clock.today()
    qs = AssistanceCase.objects.visible_to(user).select_related("resident__community", "assigned_to")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    assigned = filters.get("assigned_to")
    if assigned == "me":
        qs = qs.filter(assigned_to=user)
    elif assigned:
        qs = qs.filter(assigned_to_id=assigned)
    if filters.get("community"):
        qs = qs.filter(resident__community_id=filters["community"])
    if filters.get("q"):
        qs = qs.filter(resident__name__icontains=filters["q"])
    schedule = None
    if filters.get("overdue") or filters.get("due"):
        schedule = current_schedule(on=today)
    if filters.get("overdue"):
        qs = due_cases(qs, schedule=schedule, due_after=None, due_by=today - dt.timedelta(days=1))
    elif filters.get("due"):
        days = int(policy_value(DUE_SOON_KEY, on=today))
        qs = due_cases(
            qs, schedule=schedule, due_after=today - dt.timedelta(days=1), due_by=today + dt.timedelta(days=days)
        )
    else:
        qs = annotate_counts(qs)
    return qs.order_by("-opened_on", "-pk")


def case_get(*, user, pk) -> AssistanceCase:
    """One case in scope, counts annotated; 404 when missing or out of scope."""
    qs = annotate_counts(AssistanceCase.objects.select_related("resident__community__street", "assigned_to"))
    return get_visible_or_404(qs, user, pk=pk)


def resident_get(*, user, pk) -> Resident:
    """A resident in scope to open a case for, with their community and
    street; 404 when missing or out of scope alike."""
    return get_visible_or_404(Resident.objects.select_related("community__street"), user, pk=pk)


def resident_choices(*, user) -> QuerySet[Resident]:
    """Residents the user may open a case for (the API's `resident`)."""
    return Resident.objects.visible_to(user)


def household_get(*, user, pk) -> Household:
    """A household in scope to open a household case for; 404 when missing or
    out of scope alike."""
    return get_visible_or_404(Household.objects.select_related("community"), user, pk=pk)


def case_services(*, case: AssistanceCase) -> QuerySet[ServiceRecord]:
    """The case resident's services from the log while the case was open (from
    the day it opened to the day it closed), newest first; the case page marks
    which ones the 12333 counts. Services after the closing belong to the
    resident's later life, not to this case's record (nor to its print)."""
    services = ServiceRecord.objects.filter(resident_id=case.resident_id, served_on__gte=case.opened_on)
    if case.closed_on:
        services = services.filter(served_on__lte=case.closed_on)
    return services.select_related("staff").order_by("-served_on", "-pk")


def case_assignments(*, case: AssistanceCase):
    return case.assignments.select_related("assigned_to", "assigned_by").order_by("-assigned_on", "-pk")


def assignable_staff(*, community) -> QuerySet[User]:
    """Who may be assigned a case of a resident in `community`: the
    community's active staff and the officers of its street."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.COMMUNITY_STAFF, community=community) | Q(role=Role.STREET_OFFICER, street=community.street_id)
        )
        .order_by("role", "first_name", "username")
    )


def assignable_staff_in_scope(*, user) -> QuerySet[User]:
    """Staff who may hold cases inside the user's node (for the ledger filter)."""
    from stations.models import Community

    communities = Community.objects.visible_to(user)
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.COMMUNITY_STAFF, community__in=communities)
            | Q(role=Role.STREET_OFFICER, street__in=communities.values("street"))
        )
        .order_by("first_name", "username")
    )


def staff_by_community(*, user) -> dict[int, list[User]]:
    """{community pk: staff who may be assigned its cases}, in two queries."""
    from stations.models import Community

    communities = list(Community.objects.visible_to(user).values_list("pk", "street_id"))
    staff = list(assignable_staff_in_scope(user=user))
    out: dict[int, list[User]] = {}
    for pk, street_id in communities:
        out[pk] = [
            u
            for u in staff
            if (u.role == Role.COMMUNITY_STAFF and u.community_id == pk)
            or (u.role == Role.STREET_OFFICER and u.street_id == street_id)
        ]
    return out


# --- proposals (a selector, not a signal) -------------------------------------


def proposed_residents(*, user) -> QuerySet[Resident]:
    """Residents who should have a case and have none open: registered
    unemployed or flagged hard to employ, record not removed."""
    open_case = AssistanceCase.objects.filter(resident=OuterRef("pk"), status=CaseStatus.OPEN)
    hard = Resident.target_groups.through.objects.filter(
        resident_id=OuterRef("pk"), targetgroup__code=TargetGroupCode.HARD_TO_EMPLOY
    )
    return (
        Resident.objects.visible_to(user)
        .active()
        .filter(Q(employment_status=EmploymentStatus.UNEMPLOYED) | Exists(hard))
        .exclude(Exists(open_case))
        .select_related("community")
        .order_by("community__code", "name", "pk")
    )


def proposed_households(*, user) -> QuerySet[Household]:
    """Zero-employment households (flagged in the registry) without an open case."""
    open_case = HouseholdCase.objects.filter(household=OuterRef("pk"), status=HouseholdCaseStatus.OPEN)
    return (
        Household.objects.visible_to(user)
        .filter(zero_employment_since__isnull=False)
        .exclude(Exists(open_case))
        .select_related("community")
        .order_by("zero_employment_since", "pk")
    )


# --- zero-employment households ---------------------------------------------


def annotate_household(qs: QuerySet[HouseholdCase]) -> QuerySet[HouseholdCase]:
    """Add `work_started_on`: the first move of a member into work on or after
    the household was identified, from the employment history. One subquery
    in one query for any number of cases."""
    first_work = (
        EmploymentStatusChange.objects.filter(
            resident__household=OuterRef("household"),
            status__in=IN_WORK_STATUSES,
            changed_on__gte=OuterRef("flagged_on"),
        )
        .order_by()
        .values("resident__household")
        .annotate(first=Min("changed_on"))
        .values("first")
    )
    return qs.annotate(work_started_on=Subquery(first_work[:1], output_field=DateField()))


def household_deadline_days(*, on: dt.date | None = None) -> int:
    """Days from identifying a zero-employment household to a member in work."""
    return int(policy_value(HOUSEHOLD_PLACEMENT_KEY, on=on or clock.today()))


def household_progress_of(case, *, today: dt.date | None = None, deadline_days: int | None = None):
    today = today or clock.today()
    return household_progress(
        flagged_on=case.flagged_on,
        work_started_on=case.work_started_on,
        today=today,
        deadline_days=deadline_days if deadline_days is not None else household_deadline_days(on=today),
    )


def household_case_list(*, user, filters: dict | None = None) -> QuerySet[HouseholdCase]:
    filters = filters or {}
    qs = HouseholdCase.objects.visible_to(user).select_related("household__community", "assigned_to")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("assigned_to") == "me":
        qs = qs.filter(assigned_to=user)
    return annotate_household(qs)


def household_case_get(*, user, pk) -> HouseholdCase:
    qs = annotate_household(HouseholdCase.objects.select_related("household__community__street", "assigned_to"))
    return get_visible_or_404(qs, user, pk=pk)


def household_members(*, case: HouseholdCase) -> QuerySet[Resident]:
    return Resident.objects.filter(household_id=case.household_id).active().order_by("name", "pk")


def household_services(*, case: HouseholdCase) -> QuerySet[ServiceRecord]:
    return (
        ServiceRecord.objects.filter(resident__household_id=case.household_id, served_on__gte=case.flagged_on)
        .select_related("staff", "resident")
        .order_by("-served_on", "-pk")
    )


# --- staff to-do ----------------------------------------------------------------


@dataclass
class TodoItem:
    case: AssistanceCase
    progress: object


def todo_for(*, user, today: dt.date | None = None, limit: int = 20) -> dict:
    """The dashboard to-do: the user's open cases with something overdue or
    due within the due-soon window, newly opened cases with no counted
    service yet, and how many residents are proposed for a case. A fixed
    number of queries whatever the caseload."""
    today = today or clock.today()
    schedule = current_schedule(on=today)
    days = int(policy_value(DUE_SOON_KEY, on=today))
    mine = AssistanceCase.objects.visible_to(user).filter(assigned_to=user).select_related("resident")
    rows = list(
        due_cases(mine, schedule=schedule, due_after=None, due_by=today + dt.timedelta(days=days)).order_by(
            "opened_on", "pk"
        )[:200]
    )
    overdue, due_soon = [], []
    for case in rows:
        progress = progress_of(case, schedule=schedule, today=today)
        (overdue if progress.is_overdue else due_soon).append(TodoItem(case, progress))
    new_cases = [
        TodoItem(case, progress_of(case, schedule=schedule, today=today))
        for case in annotate_counts(mine.open().filter(opened_on__gte=today - dt.timedelta(days=14))).order_by(
            "-opened_on", "-pk"
        )[:limit]
    ]
    new_cases = [item for item in new_cases if not any(k.done for k in item.progress.kinds)]
    return {
        "today": today,
        "overdue": overdue[:limit],
        "overdue_total": len(overdue),
        "due_soon": due_soon[:limit],
        "due_soon_total": len(due_soon),
        "due_soon_days": days,
        "new_cases": new_cases,
        "proposed_count": proposed_residents(user=user).count() if user.role == Role.COMMUNITY_STAFF else None,
    }


# Roles whose dashboard lists every overdue case of their communities, whoever works it.
AREA_OVERDUE_ROLES = frozenset({Role.STREET_OFFICER, Role.DISTRICT_BUREAU})


@dataclass
class AreaOverdueItem:
    case: AssistanceCase
    progress: object
    overdue_days: int  # of the case's most overdue item
    escalated_to: list[str]  # levels reached, EscalationLevel values


def overdue_in_scope(*, user, today: dt.date | None = None, limit: int = 50) -> dict:
    """Every open case in the user's node with an overdue 12333 item,
    whoever it is assigned to: how many, per community, and the `limit` most
    overdue with their progress and the levels they were escalated to.

    A fixed number of queries whatever the caseload: one set-based selection
    (ids, dates and counts only, each COUNT once: due_sql) of all overdue
    cases in scope, then the rows shown, the communities' names and the
    escalations of the rows shown."""
    from assistance.models import Escalation
    from stations.models import Community

    today = today or clock.today()
    schedule = current_schedule(on=today)
    sql, params = due_sql(
        AssistanceCase.objects.visible_to(user).filter(status=CaseStatus.OPEN),
        schedule=schedule,
        windows=[DueWindow(None, today - dt.timedelta(days=1))],
        values={"community_id": F("resident__community_id")},
        fields=("id", "opened_on"),
    )
    found = []
    for row in fetch_due_rows(sql, params):
        progress = case_progress(
            opened_on=row["opened_on"],
            counts={k: row[count_field(k)] for k in COUNTED_KINDS},
            schedule=schedule,
            today=today,
        )
        days = max((k.overdue_days for k in progress.kinds if k.overdue), default=0)
        found.append((days, row["id"], row["community_id"]))
    found.sort(key=lambda f: (-f[0], f[1]))
    per_community: dict[int, int] = defaultdict(int)
    for _days, _pk, community_id in found:
        per_community[community_id] += 1
    names = dict(Community.objects.filter(pk__in=per_community).values_list("pk", "name"))
    shown = found[:limit]
    cases = {
        case.pk: case
        for case in annotate_counts(
            AssistanceCase.objects.filter(pk__in=[pk for _d, pk, _c in shown]).select_related(
                "resident__community", "assigned_to"
            )
        )
    }
    levels: dict[int, set[str]] = defaultdict(set)
    for case_id, level in Escalation.objects.filter(case_id__in=cases).values_list("case_id", "level"):
        levels[case_id].add(level)
    items = [
        AreaOverdueItem(
            case=cases[pk],
            progress=progress_of(cases[pk], schedule=schedule, today=today),
            overdue_days=days,
            escalated_to=sorted(levels[pk], key=["street", "district"].index),
        )
        for days, pk, _community in shown
        if pk in cases
    ]
    return {
        "total": len(found),
        "items": items,
        "by_community": sorted(
            ((names.get(pk, ""), count, pk) for pk, count in per_community.items()), key=lambda c: (-c[1], c[0])
        ),
        "limit": limit,
    }


# --- compliance -------------------------------------------------------------------

LEVELS = ("case", "staff", "community", "street", "district", "city")


def compliance_cases(*, user, period_start: dt.date, period_end: dt.date, today: dt.date | None = None):
    """Cases in the denominator for the period: first year ended in the
    period, or closed in it (within the first year), counts limited to the
    counting window. One query."""
    today = today or clock.today()
    end = window_end()
    return (
        annotate_counts(AssistanceCase.objects.visible_to(user))
        .annotate(evaluated_on=end)
        .filter(evaluated_on__gte=period_start, evaluated_on__lte=period_end)
        # An open case's year has ended only once its last day has passed.
        .filter(Q(closed_on__isnull=False) | Q(year_ends_on__lt=today))
        .select_related("resident__community__street__district", "assigned_to")
        .order_by("resident__community__code", "opened_on", "pk")
    )


def _case_node(case, level):
    community = case.resident.community
    if level == "case":
        return case.pk, f"{case.resident.name} ({case.opened_on})"
    if level == "staff":
        staff = case.assigned_to
        return staff.pk, staff.get_full_name() or staff.get_username()
    if level == "community":
        return community.pk, community.name
    if level == "street":
        return community.street_id, community.street.name
    if level == "district":
        return community.street.district_id, community.street.district.name
    from django.conf import settings

    return 0, settings.PORTAL_CITY_NAME


def compliance_by_node(
    *, user, period_start: dt.date, period_end: dt.date, level: str, today: dt.date | None = None
) -> list[dict]:
    """12333 compliance for the period, one row per node of `level` (case,
    staff, community, street, district or city) inside the user's scope.

    Each row: key, label, cases (denominator), compliant, rate (0-1 or None),
    helped_into_work (closed early because the person found work) and
    helped_into_work_compliant. Definition: assistance.schedule
    .COMPLIANCE_DEFINITION. The schedule in force on period_end applies.
    One database query whatever the number of cases.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    schedule = current_schedule(on=period_end)
    rows: dict = {}
    totals = defaultdict(int)
    for case in compliance_cases(user=user, period_start=period_start, period_end=period_end, today=today):
        closed_for_work = case.close_reason == CloseReason.FOUND_WORK
        compliant = case_is_compliant(
            opened_on=case.opened_on,
            counts=counts_of(case),
            schedule=schedule,
            closed_on=case.closed_on,
            closed_for_work=closed_for_work,
        )
        early_work = closed_for_work and case.closed_on < case.year_ends_on
        key, label = _case_node(case, level)
        row = rows.setdefault(
            key,
            {
                "level": level,
                "key": key,
                "label": label,
                "cases": 0,
                "compliant": 0,
                "helped_into_work": 0,
                "helped_into_work_compliant": 0,
            },
        )
        row["cases"] += 1
        row["compliant"] += int(compliant)
        row["helped_into_work"] += int(early_work)
        row["helped_into_work_compliant"] += int(early_work and compliant)
        totals["cases"] += 1
    out = list(rows.values())
    for row in out:
        row["rate"] = row["compliant"] / row["cases"] if row["cases"] else None
    return out


def compliance_total(rows: list[dict]) -> dict:
    total = {
        k: sum(r[k] for r in rows) for k in ("cases", "compliant", "helped_into_work", "helped_into_work_compliant")
    }
    total["rate"] = total["compliant"] / total["cases"] if total["cases"] else None
    return total
