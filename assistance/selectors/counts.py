"""The 12333 counts of a case, from the service log, and the selection of
cases with something due: one query for any number of cases. The pure
functions in assistance.schedule turn those counts into progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)

from assistance import clock
from assistance.models import AssistanceCase, CaseStatus
from assistance.schedule import (
    COUNTED_KINDS,
    SCHEDULE_KEY,
    Checkpoint,
    case_progress,
    latest_opening_due_by,
    parse_schedule,
)
from stations.models import (
    ServiceRecord,
)
from stations.policy import policy_value


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
