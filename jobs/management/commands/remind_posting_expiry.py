from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = "E-mail employers whose postings close soon (idempotent; the Celery beat job runs the same service)."

    def handle(self, *args, **options):
        count = services.postings_remind_expiry()
        self.stdout.write(f"{count}")
