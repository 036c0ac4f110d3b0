import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from assistance import clock
from assistance.reminders import reminders_send


class Command(BaseCommand):
    help = "Send the 12333 due-soon, overdue and escalation reminders (the daily beat job, for cron-only sites)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were YYYY-MM-DD (to try the clock).")
        parser.add_argument(
            "--full", action="store_true", help="Look at every open case, not only what fell due since the last run."
        )

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else clock.today()
        except ValueError as exc:
            raise CommandError("--today must be YYYY-MM-DD") from exc
        result = reminders_send(today=today, full=options["full"])
        levels = ", ".join(f"{k}={v}" for k, v in sorted(result.by_level.items())) or "none"
        sweep = "every open case" if result.full_sweep else "since the last run"
        self.stdout.write(
            f"{today} ({sweep}): {result.cases_selected} cases with items due, {result.items} reminders "
            f"({levels}), {result.escalations} new escalations, {result.sent} new; "
            f"query {result.seconds_query:.2f}s, total {result.seconds_total:.2f}s"
        )
