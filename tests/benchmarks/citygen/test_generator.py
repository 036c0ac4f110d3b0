import random

import pytest
from django.db.models import Count

from assistance.models import AssistanceCase, CaseStatus
from benchmarks.citygen.generator import CityGenerator
from entrepreneurship.models import (
    ApplicationEvent,
    Business,
    SubsidyApplication,
)
from reports.assemble import build_table
from reports.nodes import Node
from stations.models import EmploymentStatus, Resident, ServiceRecord, UnemploymentRegistration
from tests.benchmarks.citygen.conftest import TINY
from training.models import SEAT_HOLDING, Enrolment


def test_city_run_writes_each_size_exactly_on_an_empty_register(city):
    from jobs.models import Posting

    assert Resident.objects.count() == TINY["residents"]
    assert ServiceRecord.objects.count() == TINY["services"]
    assert Resident.objects.filter(employment_status=EmploymentStatus.UNEMPLOYED).count() == TINY["cases"]
    assert AssistanceCase.objects.filter(status=CaseStatus.OPEN).count() == TINY["cases"]
    assert Posting.objects.filter(status="published").count() == TINY["postings"]
    assert Posting.objects.filter(status="expired").count() == TINY["expired_postings"]


def test_a_second_city_run_adds_no_row(city):
    from jobs.models import Employer, Posting

    # Enrolments may top up seats a first run could not fill (tested above).
    tables = [Resident, ServiceRecord, UnemploymentRegistration, AssistanceCase, Employer, Posting]
    through = Resident.target_groups.through
    before = [m.objects.count() for m in tables] + [through.objects.count()]

    CityGenerator(rng=random.Random(8), sizes=TINY).run()

    assert [m.objects.count() for m in tables] + [through.objects.count()] == before


def test_city_training_and_startup_steps_only_top_up_to_their_targets_the_second_time(city):
    counts = [SubsidyApplication.objects.count(), ApplicationEvent.objects.count(), Business.objects.count()]

    CityGenerator(rng=random.Random(8), sizes=TINY).run()

    assert [SubsidyApplication.objects.count(), ApplicationEvent.objects.count(), Business.objects.count()] == counts
    assert Enrolment.objects.count() <= TINY["enrolments"]
    live = Enrolment.objects.filter(status__in=SEAT_HOLDING)
    assert not live.values("resident", "training_class").annotate(n=Count("pk")).filter(n__gt=1).exists()


class _Undo(Exception):
    pass


def _fingerprint():
    from jobs.models import Posting

    residents = list(
        Resident.objects.order_by("id_number").values_list(
            "id_number", "name", "community__code", "employment_status", "mobile", "skill_level"
        )
    )
    services = list(
        ServiceRecord.objects.order_by("resident__id_number", "served_on", "kind", "channel").values_list(
            "resident__id_number", "served_on", "kind", "channel"
        )
    )
    postings = list(
        Posting.objects.order_by("status", "valid_from", "title", "salary_min", "salary_max").values_list(
            "status", "valid_from", "valid_until", "title", "salary_min", "salary_max", "community__code"
        )
    )
    return residents, services, postings


def test_the_same_seed_writes_the_same_city(db, community, other_district):
    from django.db import transaction

    with pytest.raises(_Undo), transaction.atomic():
        CityGenerator(rng=random.Random(11), sizes=TINY).run()
        first = _fingerprint()
        raise _Undo

    assert Resident.objects.count() == 0
    CityGenerator(rng=random.Random(11), sizes=TINY).run()

    assert _fingerprint() == first


def test_city_run_leaves_fresh_statistics(city):
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Resident._meta.db_table])
            assert cursor.fetchone()[0] > 0  # -1 until the table was analyzed
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [Resident._meta.db_table])
            assert cursor.fetchone()[0] > 0


def _history_period():
    import datetime as dt

    from django.utils import timezone

    from stations.figures import Period

    today = timezone.localdate()
    return Period(start=today - dt.timedelta(days=3 * 365 + 1), end=today, label="generated history")


def test_city_workbook_counts_training_and_subsidies_over_the_generated_history(city):
    totals = build_table(Node("city", None), _history_period()).total.values
    for key in (
        "training_needs",
        "enrolments",
        "completions",
        "completions_matured_6m",
        "employed_within_6m",
        "subsidies_applied",
        "subsidies_approved",
        "subsidies_paid_yuan",
        "loans_granted",
        "startups",
    ):
        assert totals.get(key), key
    assert 0 < totals["post_training_employment_rate"] < 100


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    return {m._meta.db_table: m._default_manager.count() for m in apps.get_models(include_auto_created=True)}


def test_city_data_run_three_times_changes_no_table_after_the_first(db):
    from stations import demo

    demo.seed_region(rng=random.Random(1))
    counts = []
    for _ in range(3):
        CityGenerator(rng=random.Random(7), sizes=TINY).run()
        counts.append(_row_counts())
    changed = {table: [c[table] for c in counts] for table in counts[0] if counts[0][table] != counts[2][table]}
    assert counts[0] == counts[1] == counts[2], changed


def test_both_city_scales_load_through_the_bulk_seeder_alone():
    from stations import demo

    for scale in ("city", "city500k"):
        assert [s.name for s in demo.seeders(scale)] == ["city"]


def test_seed_demo_refuses_an_unknown_scale():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="invalid choice"):
        call_command("seed_demo", "--scale", "province")
