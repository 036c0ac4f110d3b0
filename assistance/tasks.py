"""Celery tasks of the ledger: thin wrappers that call the reminder service."""

import datetime as dt

from celery import shared_task

from assistance import clock
from stations.background import RETRY_POLICY


@shared_task(
    name="assistance.tasks.send_12333_reminders",
    acks_late=True,  # safe: the run is idempotent (dedupe keys)
    **RETRY_POLICY,
)
def send_12333_reminders(today: str | None = None) -> dict:
    """Daily 12333 reminders. `today` ("YYYY-MM-DD") moves the clock."""
    from assistance.reminders import reminders_send

    day = dt.date.fromisoformat(today) if today else clock.today()
    result = reminders_send(today=day)
    return {
        "today": day.isoformat(),
        "full_sweep": result.full_sweep,
        "cases_selected": result.cases_selected,
        "items": result.items,
        "escalations": result.escalations,
        "sent": result.sent,
        "by_level": dict(result.by_level),
    }
