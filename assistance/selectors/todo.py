"""The dashboard's lists: the staff member's to-do and every overdue case of
an area."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    F,
)

from assistance import clock
from assistance.models import AssistanceCase, CaseStatus
from assistance.schedule import (
    COUNTED_KINDS,
    DUE_SOON_KEY,
    case_progress,
)
from assistance.selectors.cases import proposed_residents
from assistance.selectors.counts import (
    DueWindow,
    annotate_counts,
    count_field,
    current_schedule,
    due_cases,
    due_sql,
    fetch_due_rows,
    progress_of,
)
from stations.models import (
    Role,
)
from stations.policy import policy_value


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
