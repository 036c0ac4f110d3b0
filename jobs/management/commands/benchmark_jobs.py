"""Measure the two speed promises of the job market on the current database:
the filtered public list (fixed query count, tens of milliseconds with 50,000
live postings) and matching one resident against all live postings (well under
a second). Synthetic postings are added with a marker title and removed at the
end unless --keep is given. Run on PostgreSQL for figures that mean something:

    DATABASE_URL=postgres://... manage.py benchmark_jobs --postings 50000
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs import matching, selectors
from jobs.models import Employer, OccupationCategory, Posting, PostingStatus
from stations.models import Community, Resident, WorkPattern

MARKER = "[bench]"


class Command(BaseCommand):
    help = "Benchmark the public job list and matching with N synthetic live postings (removed afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=50000)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--keep", action="store_true", help="Keep the synthetic postings.")

    def handle(self, *args, postings, repeat, keep, **options):
        communities = list(Community.objects.select_related("street").exclude(latitude=None))
        employer = Employer.objects.first()
        resident = Resident.objects.active().select_related("community").first()
        if not communities or employer is None or resident is None:
            raise CommandError("Run seed_demo first: the benchmark needs communities, an employer and a resident.")
        self._fill(postings, communities, employer)
        try:
            self._measure(communities, resident, repeat)
        finally:
            if not keep:
                deleted = Posting.objects.filter(title__startswith=MARKER).delete()[0]
                self.stdout.write(f"removed {deleted} synthetic postings")

    def _fill(self, target, communities, employer):
        have = Posting.objects.filter(title__startswith=MARKER).count()
        rng = random.Random(7)
        today = timezone.localdate()
        now = timezone.now()
        categories, patterns = OccupationCategory.values, WorkPattern.values
        batch = []
        start = time.perf_counter()
        for n in range(have, target):
            c = rng.choice(communities)
            pattern = rng.choice(patterns)
            # Lawful pay (the screening's rule): part-time work per hour.
            hourly = pattern == "part_time"
            low = rng.randrange(21, 40) if hourly else rng.randrange(2100, 7000, 100)
            batch.append(
                Posting(
                    employer=employer,
                    community=c,
                    title=f"{MARKER} {n}",
                    occupation_category=rng.choice(categories),
                    work_pattern=pattern,
                    headcount=1 + n % 5,
                    salary_min=low,
                    salary_max=low + (rng.randrange(0, 15) if hourly else rng.randrange(0, 3000, 100)),
                    pay_unit="hour" if hourly else "month",
                    valid_from=today - dt.timedelta(days=n % 30),
                    valid_until=today + dt.timedelta(days=1 + n % 60),
                    contact_name="bench",
                    contact_phone="13800000000",
                    status=PostingStatus.PUBLISHED,
                    published_at=now - dt.timedelta(minutes=n),
                    suits_older=n % 7 == 0,
                    latitude=float(c.latitude) + rng.uniform(-0.01, 0.01),
                    longitude=float(c.longitude) + rng.uniform(-0.01, 0.01),
                )
            )
            if len(batch) == 5000:
                Posting.objects.bulk_create(batch)
                batch = []
        if batch:
            Posting.objects.bulk_create(batch)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE jobs_posting")  # fresh statistics, no dead rows from earlier runs
        live = Posting.objects.live(on=today).count()
        self.stdout.write(f"{live} live postings ({target - have} added in {time.perf_counter() - start:.1f} s)")

    def _time(self, label, func, repeat):
        timings, queries = [], 0
        for _ in range(repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                func()
                timings.append((time.perf_counter() - t) * 1000)
            queries = len(ctx.captured_queries)
        self.stdout.write(
            f"{label:<46} median {statistics.median(timings):8.1f} ms  max {max(timings):8.1f} ms  {queries} queries"
        )

    def _measure(self, communities, resident, repeat):
        c = communities[0]
        lat, lng = float(c.latitude), float(c.longitude)
        S = selectors.PostingSearch
        self.stdout.write(f"database: {connection.vendor}")
        self._time("public list, newest, page 1", lambda: selectors.public_posting_page(S()), repeat)
        self._time("public list, newest, page 50", lambda: selectors.public_posting_page(S(), page=50), repeat)
        self._time("public list, street filter", lambda: selectors.public_posting_page(S(street=c.street_id)), repeat)
        self._time(
            "public list, category + salary floor",
            lambda: selectors.public_posting_page(S(category="care", salary_floor=4000)),
            repeat,
        )
        self._time(
            "public list, within 3 km, nearest first",
            lambda: selectors.public_posting_page(S(near_lat=lat, near_lng=lng, radius_km=3, sort="distance")),
            repeat,
        )
        self._time(
            "public list, within 10 km, newest",
            lambda: selectors.public_posting_page(S(near_lat=lat, near_lng=lng, radius_km=10)),
            repeat,
        )
        self._time(
            "match one resident against all live postings",
            lambda: matching.postings_for_resident(resident=resident, limit=20),
            max(3, repeat // 4),
        )
