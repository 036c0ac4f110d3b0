"""The daily 12333 reminder run.

Set-based: ONE aggregate query selects every open case with an unmet minimum
whose date falls in the reminder window (assistance.selectors.due_cases: a
range on the indexed opening date plus conditional counts over the service
log); the pure schedule functions turn each row into items; the items are
inserted with stable dedupe keys through stations.services.notifications_send_bulk
(bulk INSERT ... ON CONFLICT DO NOTHING), so a second run, a retry or a
second beat instance sends nothing twice. Street officers are looked up once
for all streets involved.

Levels, per (case, counted service, due date):
- due_soon: due within `assistance.due_soon_days` (default 7) -> the assigned staff member;
- overdue: 1 day or more late -> the assigned staff member;
- escalated: `assistance.escalate_overdue_days` (default 14) or more late -> the street
  officer(s) of the resident's street.
Items more than CATCH_UP_DAYS past their escalation day are not sent again
(they stay on the to-do list and the ledger): the window lets a run that
was missed for a while catch up without rescanning every old case each day.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from assistance.models import AssistanceCase, CaseStatus, HouseholdCase, HouseholdCaseStatus
from assistance.schedule import COUNTED_KINDS, DUE_SOON_KEY, ESCALATION_KEY, case_progress, kind_labels
from assistance.selectors import (
    annotate_counts,
    annotate_household,
    count_field,
    current_schedule,
    opening_range,
    opening_ranges,
)
from stations.models import Notification, Role, User
from stations.policy import policy_value
from stations.services.notifications import NotificationItem, notifications_send_bulk

COUNT_FIELDS = [count_field(k) for k in COUNTED_KINDS]
CATCH_UP_DAYS = 31
# Any constant works: it names the lock two beat instances would share.
ADVISORY_LOCK_ID = 12333_0001


@dataclass
class ReminderResult:
    today: dt.date
    cases_selected: int = 0
    items: int = 0
    sent: int = 0
    by_level: dict = field(default_factory=lambda: defaultdict(int))
    seconds_query: float = 0.0
    seconds_total: float = 0.0


@dataclass(frozen=True)
class Window:
    """The policy figures of one run, read once."""

    schedule: list
    oldest: dt.date  # earliest due date still reminded (escalation catch-up)
    latest: dt.date  # latest due date reminded (due soon)
    due_soon_days: int
    escalate_days: int


def reminder_window(today: dt.date) -> Window:
    due_soon_days = int(policy_value(DUE_SOON_KEY, on=today))
    escalate_days = int(policy_value(ESCALATION_KEY, on=today))
    return Window(
        schedule=current_schedule(on=today),
        oldest=today - dt.timedelta(days=escalate_days + CATCH_UP_DAYS),
        latest=today + dt.timedelta(days=due_soon_days),
        due_soon_days=due_soon_days,
        escalate_days=escalate_days,
    )


def due_query(*, today: dt.date, window: Window | None = None) -> tuple[str, list]:
    """The bare selection of what is due, as (sql, params): open cases with
    an unmet minimum dated in the reminder window, counts attached. This is
    the query the benchmark compares the whole run against.

    The inner query prunes cases by opening date (one range per checkpoint,
    index on status + opened_on) and counts each kind with a correlated
    COUNT on the log's (resident, kind, served_on) index; the outer WHERE
    keeps the rows with a count below its minimum. OFFSET 0 keeps
    PostgreSQL from folding the inner query into the outer one, which would
    evaluate every COUNT twice."""
    window = window or reminder_window(today)
    due_after, due_by = window.oldest - dt.timedelta(days=1), window.latest
    inner = (
        annotate_counts(
            AssistanceCase.objects.filter(status=CaseStatus.OPEN).filter(
                opening_range(window.schedule, due_after=due_after, due_by=due_by)
            )
        )
        .annotate(resident_name=F("resident__name"), street_id=F("resident__community__street_id"))
        .values("id", "opened_on", "assigned_to_id", "resident_name", "street_id", *COUNT_FIELDS)
        .order_by()
    )
    sql, params = inner.query.sql_with_params()
    conditions, condition_params = [], []
    for (low, high), point in zip(
        opening_ranges(window.schedule, due_after=due_after, due_by=due_by), window.schedule, strict=True
    ):
        for kind in COUNTED_KINDS:
            if point.minimums[kind] > 0:
                conditions.append(f"(due.opened_on <= %s AND due.opened_on > %s AND due.{count_field(kind)} < %s)")
                condition_params += [high, low, point.minimums[kind]]
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    where = " OR ".join(conditions) or "1 = 0"
    return f"SELECT * FROM ({sql}{fence}) due WHERE {where}", [*params, *condition_params]  # noqa: S608


def due_rows(*, today: dt.date, window: Window | None = None) -> list[dict]:
    sql, params = due_query(today=today, window=window)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [col[0] for col in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # SQLite hands dates back as text
        if isinstance(row["opened_on"], str):
            row["opened_on"] = dt.date.fromisoformat(row["opened_on"])
    return rows


def _level(overdue_days: int, due_on: dt.date, today: dt.date, escalate_days: int) -> str | None:
    if due_on >= today:
        return "due_soon"
    if overdue_days >= escalate_days:
        return "escalated" if overdue_days <= escalate_days + CATCH_UP_DAYS else None
    return "overdue"


def _street_officers(street_ids) -> dict[int, list[int]]:
    officers = defaultdict(list)
    for pk, street_id in User.objects.filter(
        role=Role.STREET_OFFICER, is_active=True, street_id__in=set(street_ids)
    ).values_list("pk", "street_id"):
        officers[street_id].append(pk)
    return officers


def _used_keys(keys: list[str]) -> set[str]:
    """Which of these dedupe keys were used before (batched IN lookups on the
    unique index; 1,000 keys per query keeps statements small)."""
    used: set[str] = set()
    for start in range(0, len(keys), 1000):
        batch = keys[start : start + 1000]
        used.update(Notification.objects.filter(dedupe_key__in=batch).values_list("dedupe_key", flat=True))
    return used


def _messages():
    return {
        "due_soon": _("12333: %(name)s needs %(kind)s (%(done)d of %(need)d) by %(date)s."),
        "overdue": _("12333 overdue: %(name)s needs %(kind)s (%(done)d of %(need)d), due %(date)s."),
        "escalated": _(
            "12333 overdue %(days)d days: %(name)s needs %(kind)s (%(done)d of %(need)d), due %(date)s; "
            "assigned to %(staff)s."
        ),
    }


def _lock() -> None:
    """Serialise concurrent runs (two beat instances): the second waits and
    then finds every key already used. SQLite allows one writer anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_ID])
            # Thousands of cheap index probes: JIT compilation costs more than it saves.
            cursor.execute("SET LOCAL jit = off")


def reminders_send(*, today: dt.date) -> ReminderResult:
    """Find what is due soon and overdue on `today` and notify, once per
    (case or household case, item, due date, level). Idempotent."""
    started = time.perf_counter()
    result = ReminderResult(today=today)
    window = reminder_window(today)
    schedule, escalate_days = window.schedule, window.escalate_days
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        _lock()
        labels = kind_labels()
        texts = _messages()
        q_started = time.perf_counter()
        rows = due_rows(today=today, window=window)
        result.seconds_query = time.perf_counter() - q_started
        result.cases_selected = len(rows)
        officers = _street_officers(r["street_id"] for r in rows)
        staff_names = {
            pk: full or user
            for pk, full, user in User.objects.filter(pk__in={r["assigned_to_id"] for r in rows}).values_list(
                "pk", "first_name", "username"
            )
        }
        # Pass 1: the items and their keys, no text yet.
        pending = []  # (key, recipient, level, row, item)
        for row in rows:
            progress = case_progress(
                opened_on=row["opened_on"],
                counts={k: row[count_field(k)] for k in COUNTED_KINDS},
                schedule=schedule,
                today=today,
                labels=labels,
            )
            for item in progress.kinds:
                if item.next_due_on is None:
                    continue
                level = _level(item.overdue_days, item.next_due_on, today, escalate_days)
                if level is None or (level == "due_soon" and item.next_due_on > window.latest):
                    continue
                base_key = f"a12333:{row['id']}:{item.kind}:{item.next_due_on:%Y%m%d}:{level}"
                recipients = officers.get(row["street_id"], []) if level == "escalated" else [row["assigned_to_id"]]
                for recipient in recipients:
                    pending.append((f"{base_key}:u{recipient}", recipient, level, row, item))
                    result.by_level[level] += 1
        # Pass 2: word only the reminders not sent before (a daily run finds
        # most keys already used, so this skips most of the formatting).
        used = _used_keys([p[0] for p in pending])
        items: list[NotificationItem] = []
        link_prefix = reverse("assistance:case_list")
        for key, recipient, level, row, item in pending:
            if key in used:
                continue
            values = {
                "name": row["resident_name"],
                "kind": labels[item.kind],
                "done": item.done,
                "need": item.next_due_count,
                "date": item.next_due_on.isoformat(),
                "days": item.overdue_days,
                "staff": staff_names.get(row["assigned_to_id"], ""),
            }
            items.append(
                NotificationItem(
                    recipient_id=recipient,
                    kind=f"assistance.{level}",
                    message=texts[level] % values,
                    dedupe_key=key,
                    link=f"{link_prefix}{row['id']}/",
                )
            )
        result.items = len(pending)
        household = _household_items(today=today, window=window, result=result)
        result.items += len(household)
        result.sent = notifications_send_bulk([*items, *household])
    result.seconds_total = time.perf_counter() - started
    return result


def _household_items(*, today: dt.date, window: Window, result: ReminderResult) -> list[NotificationItem]:
    """Zero-employment household cases: few rows, one annotated query."""
    due_soon_days, escalate_days = window.due_soon_days, window.escalate_days
    from assistance.selectors import household_progress_of

    rows = annotate_household(
        HouseholdCase.objects.filter(status=HouseholdCaseStatus.OPEN).select_related("household__community")
    )
    cases = list(rows)
    officers = _street_officers(c.household.community.street_id for c in cases)
    items = []
    for case in cases:
        progress = household_progress_of(case, today=today)
        nxt = progress.next_item
        if nxt is None or nxt.due_on > today + dt.timedelta(days=due_soon_days):
            continue
        level = _level(nxt.overdue_days, nxt.due_on, today, escalate_days)
        if level is None:
            continue
        message = _("Zero-employment household %(household)s: %(item)s by %(date)s.") % {
            "household": str(case.household),
            "item": nxt.label,
            "date": nxt.due_on.isoformat(),
        }
        if level != "due_soon":
            message = _("Overdue %(days)d days. ") % {"days": nxt.overdue_days} + message
        recipients = (
            officers.get(case.household.community.street_id, []) if level == "escalated" else [case.assigned_to_id]
        )
        for recipient in recipients:
            items.append(
                NotificationItem(
                    recipient_id=recipient,
                    kind=f"assistance.household_{level}",
                    message=message,
                    dedupe_key=f"zeh:{case.pk}:{nxt.code}{nxt.number}:{nxt.due_on:%Y%m%d}:{level}:u{recipient}",
                    link=reverse("assistance:household_detail", kwargs={"pk": case.pk}),
                )
            )
            result.by_level[f"household_{level}"] += 1
    return items
