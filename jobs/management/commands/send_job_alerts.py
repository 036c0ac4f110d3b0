from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = "Match saved job searches and send the daily lists (idempotent; the Celery beat job runs the same service)."

    def handle(self, *args, **options):
        count = services.job_alerts_run()
        self.stdout.write(f"{count}")
