"""Escalation of items past a threshold to the street officers and the
district bureau: the Escalation rows (once per case, service, due date and
level) and their notifications."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import (
    Escalation,
    EscalationLevel,
)
from assistance.reminders.window import Window
from assistance.schedule import (
    COUNTED_KINDS,
    month_end,
)
from assistance.selectors import count_field
from stations.models import Role, User
from stations.services.notifications import NotificationItem

# Kinds of the notifications, by level (kept short: Notification.kind is 40 characters).
ESCALATION_NOTIFICATION_KINDS = {
    EscalationLevel.STREET: "assistance.escalated",
    EscalationLevel.DISTRICT: "assistance.escalated_district",
}


def _officers(*, role: str, node_field: str, node_ids) -> dict[int, list[int]]:
    """Active accounts of `role` per node (street or district), one query."""
    node_ids = {pk for pk in node_ids if pk is not None}
    officers = defaultdict(list)
    if not node_ids:
        return officers
    for pk, node_id in (
        User.objects.filter(role=role, is_active=True, **{f"{node_field}_id__in": node_ids})
        .order_by("pk")
        .values_list("pk", f"{node_field}_id")
    ):
        officers[node_id].append(pk)
    return officers


def street_officers(street_ids) -> dict[int, list[int]]:
    return _officers(role=Role.STREET_OFFICER, node_field="street", node_ids=street_ids)


def district_bureaus(district_ids) -> dict[int, list[int]]:
    return _officers(role=Role.DISTRICT_BUREAU, node_field="district", node_ids=district_ids)


@dataclass(frozen=True)
class _Candidate:
    case_id: int
    kind: str
    due_on: dt.date
    required: int
    done: int
    level: str
    overdue_days: int


def _escalation_candidates(row: dict, window: Window) -> list[_Candidate]:
    """Every (service, checkpoint raising its minimum) of the case still short
    of that minimum and past a threshold on the run's day, at each level it
    has reached."""
    out = []
    today = window.today
    previous = dict.fromkeys(COUNTED_KINDS, 0)
    for point in window.schedule:
        due_on = month_end(row["opened_on"], point.month)
        if due_on >= today:
            break
        overdue_days = (today - due_on).days
        for kind in COUNTED_KINDS:
            done = int(row[count_field(kind)] or 0)
            # A checkpoint that asks for no more than the last one adds no item of its own.
            raised, previous[kind] = point.minimums[kind] > previous[kind], point.minimums[kind]
            if not raised or done >= point.minimums[kind]:
                continue
            for level, days in window.levels:
                if overdue_days >= days:
                    out.append(_Candidate(row["id"], kind, due_on, point.minimums[kind], done, level, overdue_days))
    return out


def _existing_escalations(case_ids: set[int]) -> set[tuple]:
    existing: set[tuple] = set()
    ids = sorted(case_ids)
    for start in range(0, len(ids), 1000):
        existing.update(
            Escalation.objects.filter(case_id__in=ids[start : start + 1000]).values_list(
                "case_id", "kind", "due_on", "level"
            )
        )
    return existing


def _insert_escalations(fresh: list[_Candidate], *, today: dt.date) -> None:
    """Under the advisory lock nothing else inserts these keys; the unique
    constraint would turn a race on another database into a failed run
    (retried by Celery), never into a second escalation. On PostgreSQL the
    rows go as plain tuples (execute_values): a first run inserts every
    historic item, and building a model instance per row was most of its time
    (profiled at 20,000 cases)."""
    if connection.vendor != "postgresql":
        Escalation.objects.bulk_create(
            [
                Escalation(
                    case_id=c.case_id,
                    kind=c.kind,
                    due_on=c.due_on,
                    required=c.required,
                    done=c.done,
                    level=c.level,
                    escalated_on=today,
                    overdue_days=c.overdue_days,
                )
                for c in fresh
            ],
            batch_size=1000,
        )
        return
    from psycopg2.extras import execute_values

    now = timezone.now()
    rows = [(c.case_id, c.kind, c.due_on, c.required, c.done, c.level, today, c.overdue_days, now) for c in fresh]
    with connection.cursor() as cursor:
        execute_values(
            cursor.cursor,  # the driver's own cursor: execute_values needs it
            f"INSERT INTO {Escalation._meta.db_table} "  # noqa: S608  (a constant table name)
            "(case_id, kind, due_on, required, done, level, escalated_on, overdue_days, created_at) VALUES %s",
            rows,
            page_size=1000,
        )


def escalation_items(
    rows, *, window: Window, labels, texts, staff_names, link_prefix: str, result
) -> list[NotificationItem]:
    """Insert the Escalation rows not there yet and notify the street
    officers and district bureaus of those, one notification per case, level
    and recipient."""
    candidates = [c for row in rows for c in _escalation_candidates(row, window)]
    if not candidates:
        return []
    existing = _existing_escalations({c.case_id for c in candidates})
    fresh = [c for c in candidates if (c.case_id, c.kind, c.due_on, c.level) not in existing]
    if not fresh:
        return []
    _insert_escalations(fresh, today=window.today)
    result.escalations = len(fresh)
    by_case_level: dict[tuple, list[_Candidate]] = defaultdict(list)
    for c in fresh:
        by_case_level[(c.case_id, c.level)].append(c)
        result.by_level[f"escalated_{c.level}"] += 1
    row_of = {row["id"]: row for row in rows}
    streets = street_officers(row_of[case_id]["street_id"] for case_id, level in by_case_level)
    districts = district_bureaus(row_of[case_id]["district_id"] for case_id, level in by_case_level)
    item_text = _("%(kind)s %(done)d of %(need)d, due %(date)s")
    out = []
    for (case_id, level), found in sorted(by_case_level.items()):
        row = row_of[case_id]
        found.sort(key=lambda c: (c.due_on, COUNTED_KINDS.index(c.kind)))
        recipients = (
            streets.get(row["street_id"], [])
            if level == EscalationLevel.STREET
            else districts.get(row["district_id"], [])
        )
        if not recipients:
            continue
        digest = hashlib.sha1(  # noqa: S324  (a dedupe key, not a secret)
            "|".join(f"{c.kind}:{c.due_on:%Y%m%d}" for c in found).encode()
        ).hexdigest()[:12]
        message = texts[level] % {
            "name": row["resident_name"],
            "community": row["community_name"],
            "days": max(c.overdue_days for c in found),
            "items": "；".join(
                item_text % {"kind": labels[c.kind], "done": c.done, "need": c.required, "date": c.due_on.isoformat()}
                for c in found
            ),
            "staff": staff_names.get(row["assigned_to_id"], ""),
        }
        for recipient in recipients:
            out.append(
                NotificationItem(
                    recipient_id=recipient,
                    kind=ESCALATION_NOTIFICATION_KINDS[level],
                    message=message,
                    dedupe_key=f"a12333:esc:{case_id}:{level}:{digest}:u{recipient}",
                    link=f"{link_prefix}{case_id}/",
                )
            )
    return out
