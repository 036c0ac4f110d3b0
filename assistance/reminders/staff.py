"""Due-soon and overdue reminders to the staff member a case is assigned to,
once per (case, service, due date, level)."""

from __future__ import annotations

import datetime as dt

from assistance.reminders.window import Window
from assistance.schedule import (
    COUNTED_KINDS,
    case_progress,
)
from assistance.selectors import count_field
from stations.services.notifications import NotificationItem


def _staff_level(overdue_days: int, due_on: dt.date, today: dt.date, escalate_days: int) -> str | None:
    """The assigned staff member's reminder for a case's next item, if any:
    from the street threshold on, the item escalates instead."""
    if due_on >= today:
        return "due_soon"
    return "overdue" if overdue_days < escalate_days else None


def _used_keys(keys: list[str]) -> set[str]:
    """Which of these dedupe keys were used before (batched IN lookups on the
    unique index; 1,000 keys per query keeps statements small)."""
    from stations.models import Notification

    used: set[str] = set()
    for start in range(0, len(keys), 1000):
        batch = keys[start : start + 1000]
        used.update(Notification.objects.filter(dedupe_key__in=batch).values_list("dedupe_key", flat=True))
    return used


def staff_items(rows, *, window: Window, labels, texts, link_prefix: str, result) -> list[NotificationItem]:
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
