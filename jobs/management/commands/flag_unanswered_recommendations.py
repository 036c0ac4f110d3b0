from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = "Notify staff of recommendations without an answer (idempotent; the Celery beat job runs the same service)."

    def handle(self, *args, **options):
        count = services.recommendations_flag_no_answer()
        self.stdout.write(f"{count}")
