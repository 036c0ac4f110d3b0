import datetime as dt

from django.core.management.base import BaseCommand

from reports.services import dashboard_trends_warm


class Command(BaseCommand):
    help = (
        "Compute again the kept months behind every dashboard's 12-month trend, once for the whole city "
        "(also a nightly beat job)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat)

    def handle(self, *args, today=None, **options):
        self.stdout.write(f"{dashboard_trends_warm(today=today)} month(s) computed.")
