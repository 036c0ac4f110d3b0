from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = "Expire published postings whose window has ended (idempotent; the Celery beat job runs the same service)."

    def handle(self, *args, **options):
        count = services.postings_expire()
        self.stdout.write(f"{count}")
