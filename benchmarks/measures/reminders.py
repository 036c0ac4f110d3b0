"""The daily 12333 reminder run against the bare SQL of what it looks at."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

from benchmarks.measures.results import Result, ratio_result
from benchmarks.measures.timing import alternate, rolled_back


def measure_reminders(*, today: dt.date | None = None, repeat: int = 3) -> list[Result]:
    """assistance.reminders.reminders_send as the daily beat job runs it (the
    first run of the day, after yesterday's: yesterday's log row is written
    first, so the run looks at what fell due since, as it does every day;
    rolled back) against executing and fetching the bare SQL that selects
    what that run looks at (its due_query)."""
    from assistance import clock
    from assistance.models import AssistanceCase, CaseStatus, ReminderRun
    from assistance.reminders import due_query, reminder_window, reminders_send

    today = today or clock.today()
    sent = [0]

    def after_yesterdays_run() -> None:
        yesterday, now = today - dt.timedelta(days=1), timezone.now()
        ReminderRun.objects.create(
            day=yesterday,
            full_sweep=True,
            last_full_sweep_on=yesterday,
            policy_fingerprint=reminder_window(today, full=True).fingerprint,
            max_case_id=AssistanceCase.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
            started_at=now,
            finished_at=now,
        )

    def product() -> float:
        def run():
            sent[0] = reminders_send(today=today).items

        return rolled_back(run, setup=after_yesterdays_run)

    def limit() -> float:
        def bare():
            sql, params = due_query(today=today)
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SET LOCAL jit = off")  # as the reminder run does
                cursor.execute(sql, params)
                cursor.fetchall()

        return rolled_back(bare, setup=after_yesterdays_run)

    value, bare = alternate(product, limit, repeat)
    open_cases = AssistanceCase.objects.filter(status=CaseStatus.OPEN).count()
    note = f"{open_cases:,} open cases, {sent[0]:,} reminders on {today}"
    return [ratio_result("12333 reminder run (first of the day)", value, bare, "s", at_most=2, note=note)]
