import datetime as dt

from django.core.management.base import BaseCommand

from reports.services import dashboard_trends_warm


class Command(BaseCommand):
    help = "Rebuild the cached 12-month dashboard trend of the city and each district (also a nightly beat job)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat)

    def handle(self, *args, today=None, **options):
        self.stdout.write(f"{dashboard_trends_warm(today=today)} monthly table(s) built.")
