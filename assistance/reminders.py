"""The daily 12333 reminder run.

Set-based: ONE aggregate query selects the open cases the run needs to look
at (a range on the indexed opening date per checkpoint plus conditional
counts over the service log); the pure schedule functions turn each row into
items; notifications go out through stations.services.notifications_send_bulk
with stable dedupe keys.

What it sends:
- due_soon: an item due within `assistance.due_soon_days` -> the assigned staff member;
- overdue: an item 1 day or more late, before it escalates -> the assigned staff member;
- escalation to the street officer(s) of the resident's street when an item is
  `assistance.escalate_overdue_days` (14) or more late, and to the district
  bureau when `assistance.escalate_district_days` (30) or more late.

An item, for escalation, is one counted service short of its cumulative
minimum at a checkpoint of the schedule that raises that minimum. Each item escalates once per
level, however late the run finds it: an Escalation row per (case, service,
due date, level) under a unique constraint records it, and only rows the run
inserts are notified (one notification per case, level and recipient).

Cheap at city scale: services are only ever added, so an item still short on
the day it reaches an escalation threshold is escalated that day, and the
daily run only needs the cases whose thresholds were crossed since the last
run (ReminderRun is the watermark) plus the cases opened since (a backdated
case can be overdue from its first day). It looks at every open case only on
its first run, when the bureau changes the schedule or the thresholds, when
the clock is moved back, and once a week as a safety net. Two runs at once
are serialised by an advisory lock on PostgreSQL; the unique constraint and
the dedupe keys keep a third from sending anything twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assistance.models import (
    AssistanceCase,
    CaseStatus,
    Escalation,
    EscalationLevel,
    HouseholdCase,
    HouseholdCaseStatus,
    ReminderRun,
)
from assistance.schedule import (
    COUNTED_KINDS,
    DISTRICT_ESCALATION_KEY,
    DUE_SOON_KEY,
    ESCALATION_KEY,
    HOUSEHOLD_PLACEMENT_KEY,
    SCHEDULE_KEY,
    case_progress,
    kind_labels,
    month_end,
    parse_schedule,
)
from assistance.selectors import DueWindow, annotate_household, count_field, due_sql, fetch_due_rows
from stations.models import Role, User
from stations.policy import policy_value
from stations.services.notifications import NotificationItem, notifications_send_bulk

COUNT_FIELDS = [count_field(k) for k in COUNTED_KINDS]
# Any constant works: it names the lock two beat instances would share.
ADVISORY_LOCK_ID = 12333_0001
# The safety net: however the incremental selection could miss an item (a
# case committed while a run was reading), a weekly run looks at every case.
FULL_SWEEP_EVERY_DAYS = 7
# Kinds of the notifications, by level (kept short: Notification.kind is 40 characters).
ESCALATION_NOTIFICATION_KINDS = {
    EscalationLevel.STREET: "assistance.escalated",
    EscalationLevel.DISTRICT: "assistance.escalated_district",
}


@dataclass
class ReminderResult:
    today: dt.date
    full_sweep: bool = False
    cases_selected: int = 0
    items: int = 0
    escalations: int = 0
    sent: int = 0
    by_level: dict = field(default_factory=lambda: defaultdict(int))
    seconds_query: float = 0.0
    seconds_total: float = 0.0


@dataclass(frozen=True)
class Window:
    """The policy figures and the watermark of one run, read once."""

    today: dt.date
    schedule: list
    schedule_value: dict
    due_soon_days: int
    escalate_days: int  # to the street
    district_days: int
    since: dt.date | None  # day of the last run; None: look at every open case
    new_after_case_id: int  # cases with a larger id were opened since the last run
    last_full_sweep_on: dt.date

    @property
    def latest(self) -> dt.date:
        """Latest due date reminded (due soon)."""
        return self.today + dt.timedelta(days=self.due_soon_days)

    @property
    def oldest(self) -> dt.date:
        """Earliest due date the assigned staff are reminded of: older items escalate instead."""
        return self.today - dt.timedelta(days=max(1, self.escalate_days - 1))

    @property
    def full_sweep(self) -> bool:
        return self.since is None

    @property
    def levels(self) -> tuple[tuple[str, int], ...]:
        return ((EscalationLevel.STREET, self.escalate_days), (EscalationLevel.DISTRICT, self.district_days))

    @property
    def fingerprint(self) -> str:
        figures = {"schedule": self.schedule_value, "street": self.escalate_days, "district": self.district_days}
        return hashlib.sha256(json.dumps(figures, sort_keys=True).encode()).hexdigest()[:32]

    def due_windows(self) -> list[DueWindow]:
        """What the selection covers: the staff reminders' window, and for
        escalation every threshold crossed since the last run (all of them on
        a full sweep) plus anything overdue in cases opened since."""
        first_threshold = self.today - dt.timedelta(days=min(self.escalate_days, self.district_days))
        windows = [DueWindow(self.oldest - dt.timedelta(days=1), self.latest)]
        if self.since is None:
            return [*windows, DueWindow(None, first_threshold)]
        for _level, days in self.levels:
            crossed = DueWindow(self.since - dt.timedelta(days=days), self.today - dt.timedelta(days=days))
            if crossed.due_after < crossed.due_by:
                windows.append(crossed)
        return [*windows, DueWindow(None, first_threshold, min_case_id=self.new_after_case_id)]


def reminder_window(today: dt.date, *, full: bool = False) -> Window:
    schedule_value = policy_value(SCHEDULE_KEY, on=today)
    window = Window(
        today=today,
        schedule=parse_schedule(schedule_value),
        schedule_value=schedule_value,
        due_soon_days=int(policy_value(DUE_SOON_KEY, on=today)),
        escalate_days=int(policy_value(ESCALATION_KEY, on=today)),
        district_days=int(policy_value(DISTRICT_ESCALATION_KEY, on=today)),
        since=None,
        new_after_case_id=0,
        last_full_sweep_on=today,
    )
    last = ReminderRun.objects.order_by("-pk").first()
    if (
        full
        or last is None
        or last.policy_fingerprint != window.fingerprint
        or today < last.day
        or (today - last.last_full_sweep_on).days >= FULL_SWEEP_EVERY_DAYS
    ):
        return window
    return dataclasses.replace(
        window, since=last.day, new_after_case_id=last.max_case_id, last_full_sweep_on=last.last_full_sweep_on
    )


def due_query(*, today: dt.date, window: Window | None = None) -> tuple[str, list]:
    """The bare selection of what the run looks at, as (sql, params): open
    cases with an unmet minimum dated in one of the run's windows, counts
    attached (assistance.selectors.due_sql). This is the query the benchmark
    compares the whole run against."""
    window = window or reminder_window(today)
    return due_sql(
        AssistanceCase.objects.filter(status=CaseStatus.OPEN),
        schedule=window.schedule,
        windows=window.due_windows(),
        values={
            "resident_name": F("resident__name"),
            "community_name": F("resident__community__name"),
            "street_id": F("resident__community__street_id"),
            "district_id": F("resident__community__street__district_id"),
        },
        fields=("id", "opened_on", "assigned_to_id"),
    )


def due_rows(*, today: dt.date, window: Window | None = None) -> list[dict]:
    sql, params = due_query(today=today, window=window)
    return fetch_due_rows(sql, params)


def _staff_level(overdue_days: int, due_on: dt.date, today: dt.date, escalate_days: int) -> str | None:
    """The assigned staff member's reminder for a case's next item, if any:
    from the street threshold on, the item escalates instead."""
    if due_on >= today:
        return "due_soon"
    return "overdue" if overdue_days < escalate_days else None


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


def _street_officers(street_ids) -> dict[int, list[int]]:
    return _officers(role=Role.STREET_OFFICER, node_field="street", node_ids=street_ids)


def _district_bureaus(district_ids) -> dict[int, list[int]]:
    return _officers(role=Role.DISTRICT_BUREAU, node_field="district", node_ids=district_ids)


def _used_keys(keys: list[str]) -> set[str]:
    """Which of these dedupe keys were used before (batched IN lookups on the
    unique index; 1,000 keys per query keeps statements small)."""
    from stations.models import Notification

    used: set[str] = set()
    for start in range(0, len(keys), 1000):
        batch = keys[start : start + 1000]
        used.update(Notification.objects.filter(dedupe_key__in=batch).values_list("dedupe_key", flat=True))
    return used


def _messages():
    return {
        "due_soon": _("12333: %(name)s needs %(kind)s (%(done)d of %(need)d) by %(date)s."),
        "overdue": _("12333 overdue: %(name)s needs %(kind)s (%(done)d of %(need)d), due %(date)s."),
        EscalationLevel.STREET: _(
            "12333 escalated to the street: %(name)s (%(community)s) is %(days)d days overdue: %(items)s. "
            "Assigned to %(staff)s."
        ),
        EscalationLevel.DISTRICT: _(
            "12333 escalated to the district: %(name)s (%(community)s) is %(days)d days overdue: %(items)s. "
            "Assigned to %(staff)s."
        ),
    }


def _lock() -> None:
    """Serialise concurrent runs (two beat instances): the second waits and
    then finds every item already escalated. SQLite allows one writer anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_ID])
            # Thousands of cheap index probes: JIT compilation costs more than it saves.
            cursor.execute("SET LOCAL jit = off")


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


def reminders_send(*, today: dt.date, full: bool = False) -> ReminderResult:
    """Find what is due soon, overdue and past an escalation threshold on
    `today`, and notify, once per item and level. Idempotent; `full` looks at
    every open case whatever the last run saw."""
    started = time.perf_counter()
    started_at = timezone.now()
    result = ReminderResult(today=today)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        _lock()
        window = reminder_window(today, full=full)
        result.full_sweep = window.full_sweep
        max_case_id = AssistanceCase.objects.aggregate(m=Max("pk"))["m"] or 0
        labels = kind_labels()
        texts = _messages()
        q_started = time.perf_counter()
        rows = due_rows(today=today, window=window)
        result.seconds_query = time.perf_counter() - q_started
        result.cases_selected = len(rows)
        staff_names = {
            pk: full_name or username
            for pk, full_name, username in User.objects.filter(pk__in={r["assigned_to_id"] for r in rows}).values_list(
                "pk", "first_name", "username"
            )
        }
        link_prefix = reverse("assistance:case_list")
        items = _staff_items(rows, window=window, labels=labels, texts=texts, link_prefix=link_prefix, result=result)
        items += _escalation_items(
            rows,
            window=window,
            labels=labels,
            texts=texts,
            staff_names=staff_names,
            link_prefix=link_prefix,
            result=result,
        )
        items += _household_items(today=today, window=window, result=result)
        result.items = len(items)
        result.sent = notifications_send_bulk(items)
        ReminderRun.objects.create(
            day=today,
            full_sweep=window.full_sweep,
            last_full_sweep_on=today if window.full_sweep else window.last_full_sweep_on,
            policy_fingerprint=window.fingerprint,
            max_case_id=max_case_id,
            cases_selected=result.cases_selected,
            escalations=result.escalations,
            sent=result.sent,
            started_at=started_at,
            finished_at=timezone.now(),
        )
    result.seconds_total = time.perf_counter() - started
    return result


def _staff_items(rows, *, window: Window, labels, texts, link_prefix: str, result) -> list[NotificationItem]:
    """Due-soon and overdue reminders to the assigned staff member, once per
    (case, service, due date, level). Most keys were used by an earlier run:
    only the new ones are worded."""
    today = window.today
    pending = []  # (key, recipient, level, row, item)
    for row in rows:
        progress = case_progress(
            opened_on=row["opened_on"],
            counts={k: row[count_field(k)] for k in COUNTED_KINDS},
            schedule=window.schedule,
            today=today,
            labels=labels,
        )
        for item in progress.kinds:
            if item.next_due_on is None or item.next_due_on > window.latest:
                continue
            level = _staff_level(item.overdue_days, item.next_due_on, today, window.escalate_days)
            if level is None:
                continue
            recipient = row["assigned_to_id"]
            key = f"a12333:{row['id']}:{item.kind}:{item.next_due_on:%Y%m%d}:{level}:u{recipient}"
            pending.append((key, recipient, level, row, item))
            result.by_level[level] += 1
    used = _used_keys([p[0] for p in pending])
    out = []
    for key, recipient, level, row, item in pending:
        if key in used:
            continue
        values = {
            "name": row["resident_name"],
            "kind": labels[item.kind],
            "done": item.done,
            "need": item.next_due_count,
            "date": item.next_due_on.isoformat(),
        }
        out.append(
            NotificationItem(
                recipient_id=recipient,
                kind=f"assistance.{level}",
                message=texts[level] % values,
                dedupe_key=key,
                link=f"{link_prefix}{row['id']}/",
            )
        )
    return out


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


def _escalation_items(
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
    streets = _street_officers(row_of[case_id]["street_id"] for case_id, level in by_case_level)
    districts = _district_bureaus(row_of[case_id]["district_id"] for case_id, level in by_case_level)
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


def _household_items(*, today: dt.date, window: Window, result: ReminderResult) -> list[NotificationItem]:
    """Zero-employment household cases: few rows, one annotated query. The
    placement deadline is reminded to the assigned staff member and, once
    past the thresholds, to the street officers and the district bureau,
    once per case, deadline, level and recipient."""
    from assistance.schedule import household_progress

    deadline_days = int(policy_value(HOUSEHOLD_PLACEMENT_KEY, on=today))
    cases = list(
        annotate_household(
            HouseholdCase.objects.filter(status=HouseholdCaseStatus.OPEN).select_related("household__community__street")
        )
    )
    streets = _street_officers(c.household.community.street_id for c in cases)
    districts = _district_bureaus(c.household.community.street.district_id for c in cases)
    items = []
    for case in cases:
        progress = household_progress(
            flagged_on=case.flagged_on, work_started_on=case.work_started_on, today=today, deadline_days=deadline_days
        )
        nxt = progress.next_item
        if nxt is None or nxt.due_on > window.latest:
            continue
        message = _("Zero-employment household %(household)s: %(item)s by %(date)s.") % {
            "household": str(case.household),
            "item": nxt.label,
            "date": nxt.due_on.isoformat(),
        }
        if nxt.overdue:
            message = _("Overdue %(days)d days. ") % {"days": nxt.overdue_days} + message
        community = case.household.community
        levels = []
        if not nxt.overdue:
            levels.append(("due_soon", [case.assigned_to_id]))
        elif nxt.overdue_days < window.escalate_days:
            levels.append(("overdue", [case.assigned_to_id]))
        if nxt.overdue_days >= window.escalate_days:
            levels.append(("escalated", streets.get(community.street_id, [])))
        if nxt.overdue_days >= window.district_days:
            levels.append(("escalated_district", districts.get(community.street.district_id, [])))
        for level, recipients in levels:
            for recipient in recipients:
                items.append(
                    NotificationItem(
                        recipient_id=recipient,
                        kind=f"assistance.household_{level}",
                        message=message,
                        dedupe_key=f"zeh:{case.pk}:{nxt.code}:{nxt.due_on:%Y%m%d}:{level}:u{recipient}",
                        link=reverse("assistance:household_detail", kwargs={"pk": case.pk}),
                    )
                )
                result.by_level[f"household_{level}"] += 1
    return items
