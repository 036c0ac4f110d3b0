"""The city generator: every step in order, one transaction each, then fresh
statistics; and `seed_city`, the `seed_demo --scale city` seeder."""

from __future__ import annotations

import random
import time

from django.db import connection, transaction

from benchmarks.citygen.businesses import BusinessSteps
from benchmarks.citygen.cases import CaseSteps
from benchmarks.citygen.enrolments import EnrolmentSteps
from benchmarks.citygen.postings import PostingSteps
from benchmarks.citygen.region import RegionSteps
from benchmarks.citygen.residents import ResidentSteps
from benchmarks.citygen.service_records import ServiceRecordSteps
from benchmarks.citygen.subsidies import SubsidySteps
from benchmarks.citygen.training import TrainingSteps


class CityGenerator(
    RegionSteps,
    ResidentSteps,
    ServiceRecordSteps,
    PostingSteps,
    CaseSteps,
    TrainingSteps,
    EnrolmentSteps,
    BusinessSteps,
    SubsidySteps,
):
    """Each step of the city data is a method of one of the concern classes
    it is made of; `run` takes them in the order their rows depend on."""

    def run(self) -> None:
        self.say("City-scale data (bulk):")
        for label, step in (
            ("streets and communities", self.region),
            ("stations and staff", self.stations_and_staff),
            ("residents", self.residents),
            ("groups and registrations", self.groups_and_registrations),
            ("service records", self.services),
            ("employers and postings", self.jobs),
            ("street and district reviewers", self.reviewers),
            ("training catalogues and providers", self.training_catalogues),
            ("training classes", self.training_classes),
            ("training enrolments", self.enrolments),
            ("training needs", self.training_needs),
            ("businesses", self.businesses),
            ("subsidy applications", self.subsidy_applications),
            ("guarantee loans", self.guarantee_loans),
            ("assistance cases", self.assistance),
        ):
            # One transaction per step: a long city load keeps what it finished.
            with transaction.atomic():
                self.timed(label, step)
        self.timed("statistics (VACUUM ANALYZE)", self.analyze)

    def analyze(self) -> int:
        """Fresh statistics for every table, so the first plans are not made
        blind (autovacuum may be off, as on the benchmark machine). Outside a
        transaction PostgreSQL also VACUUMs, which sets the visibility map
        that index-only scans need; inside one (tests) it can only ANALYZE."""
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return len(connection.introspection.table_names())


def seed_city(*, scale: str, rng: random.Random, stdout=None) -> None:
    started = time.perf_counter()
    CityGenerator(rng=rng, stdout=stdout, profile=scale).run()
    if stdout is not None:
        stdout.write(f"  city data ({scale}) written in {(time.perf_counter() - started) / 60:.1f} min")
