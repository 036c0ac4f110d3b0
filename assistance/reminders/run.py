"""The daily run: under a lock, select, word and send, and record the run as
the next one's watermark."""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assistance.models import (
    AssistanceCase,
    EscalationLevel,
    ReminderRun,
)
from assistance.reminders.escalations import escalation_items
from assistance.reminders.households import household_items
from assistance.reminders.staff import staff_items
from assistance.reminders.window import ReminderResult, due_rows, reminder_window
from assistance.schedule import (
    kind_labels,
)
from stations.models import User
from stations.services.notifications import notifications_send_bulk

# Any constant works: it names the lock two beat instances would share.
ADVISORY_LOCK_ID = 12333_0001


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
        items = staff_items(rows, window=window, labels=labels, texts=texts, link_prefix=link_prefix, result=result)
        items += escalation_items(
            rows,
            window=window,
            labels=labels,
            texts=texts,
            staff_names=staff_names,
            link_prefix=link_prefix,
            result=result,
        )
        items += household_items(today=today, window=window, result=result)
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
