from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.services import workbook_bytes


class Command(BaseCommand):
    help = (
        "Build a progress workbook from the shell: --period YYYY-MM | YYYY-Qn | YYYY | FROM..TO, "
        "--node city | a district, street or community code, --output FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True)
        parser.add_argument("--node", default="city")
        parser.add_argument("--output", required=True)

    def handle(self, *args, period, node, output, **options):
        try:
            content = workbook_bytes(node_code=node, period_text=period)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        Path(output).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(content):,} bytes)."))
