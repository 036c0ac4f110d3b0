import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from assistance import clock
from assistance.reminders import reminders_send


class Command(BaseCommand):
    help = "Send the 12333 due-soon, overdue and escalation reminders (the daily beat job, for cron-only sites)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were YYYY-MM-DD (to try the clock).")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else clock.today()
        except ValueError as exc:
            raise CommandError("--today must be YYYY-MM-DD") from exc
        result = reminders_send(today=today)
        levels = ", ".join(f"{k}={v}" for k, v in sorted(result.by_level.items())) or "none"
        self.stdout.write(
            f"{today}: {result.cases_selected} cases with items due, {result.items} reminders "
            f"({levels}), {result.sent} new; query {result.seconds_query:.2f}s, total {result.seconds_total:.2f}s"
        )
