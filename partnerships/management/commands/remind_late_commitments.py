import datetime as dt

from django.core.management.base import BaseCommand

from partnerships.services.network.commitments import commitments_remind_overdue


class Command(BaseCommand):
    help = "Tell meeting recorders about commitments that have become late (also a daily Celery beat job)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Run as if on this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        sent = commitments_remind_overdue(today=today)
        self.stdout.write(f"{sent} reminder(s) sent.")
