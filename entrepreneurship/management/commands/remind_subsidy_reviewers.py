import datetime as dt

from django.core.management.base import BaseCommand

from entrepreneurship.services import subsidy_reviewers_remind


class Command(BaseCommand):
    help = "Remind reviewers of subsidy applications that have waited too long (also a daily Celery beat job)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Run as if on this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        sent = subsidy_reviewers_remind(today=today)
        self.stdout.write(f"{sent} reminder(s) sent.")
