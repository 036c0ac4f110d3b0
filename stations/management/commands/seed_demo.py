import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from stations import demo


class Command(BaseCommand):
    help = "Load demo data (region, stations, residents, jobs, ...) and one demo login per role. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["small", "city", "city500k"],
            default="small",
            help=(
                "small: a few hundred records through the services. city: Zaozhuang's real size in bulk "
                "(2,000,000 residents, 8,000,000 service records; PostgreSQL, about 10 minutes). "
                "city500k: the earlier city data (500,000 residents), to compare the benchmark across sizes."
            ),
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-logins", action="store_true", help="Load data but create no demo logins.")
        parser.add_argument(
            "--force", action="store_true", help="Seed even though the database holds real staff accounts."
        )

    def handle(self, *args, scale, seed, no_logins, force=False, **options):
        if not force and demo.real_accounts().exists():
            raise CommandError(
                "This database holds real staff accounts, so it may hold real records: refusing to add demo data. "
                "Use --force only if you are sure."
            )
        if not no_logins and not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo logins with a shared password while DEBUG is off. "
                "Use --no-logins, or run with DJANGO_DEBUG=true on a development machine."
            )
        rng = random.Random(seed)
        with transaction.atomic():
            demo.seed_region(rng=rng, stdout=self.stdout)
            logins = [] if no_logins else demo.seed_logins(stdout=self.stdout)
        for seeder in demo.seeders(scale):
            rng = random.Random(f"{seed}-{seeder.name}")
            if seeder.atomic:
                with transaction.atomic():
                    seeder.run(scale=scale, rng=rng, stdout=self.stdout)
            else:
                seeder.run(scale=scale, rng=rng, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if logins:
            self.stdout.write("Demo logins (password: %s):" % settings.PORTAL_DEMO_PASSWORD)
            for username, role, node in logins:
                self.stdout.write(f"  {username:<18} {role} · {node}")
