import datetime as dt

from django.core.management.base import BaseCommand

from reports.services import period_close_remind_late


class Command(BaseCommand):
    help = "Remind communities that have not closed last month (from the 5th; also a daily Celery beat job)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat)

    def handle(self, *args, today=None, **options):
        self.stdout.write(f"{period_close_remind_late(today=today)} reminder(s) sent.")
