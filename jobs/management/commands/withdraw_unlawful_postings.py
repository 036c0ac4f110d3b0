from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = (
        "Take published postings paying below today's minimum wage off the public market, back to review "
        "(idempotent; the Celery beat job runs the same service)."
    )

    def handle(self, *args, **options):
        count = services.postings_withdraw_unlawful()
        self.stdout.write(f"{count}")
