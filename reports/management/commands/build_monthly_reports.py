import datetime as dt

from django.core.management.base import BaseCommand

from reports.services import monthly_reports_schedule


class Command(BaseCommand):
    help = "Build last month's workbooks for the city and each district (also a monthly Celery beat job)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat)

    def handle(self, *args, today=None, **options):
        created = monthly_reports_schedule(today=today)
        self.stdout.write(f"{len(created)} workbook(s) queued.")
