import random

import pytest
from django.db.models import Count, F, Q

from assistance.models import AssistanceCase, CaseStatus
from benchmarks.citygen import PARETO_CAP, PROFILES, CityGenerator, copy_tuples
from entrepreneurship.models import (
    LIVE_STATUSES,
    LOAN_LIMITS,
    PER_PERSON_KINDS,
    ApplicationEvent,
    ApplicationStatus,
    BorrowerKind,
    Business,
    GuaranteeLoan,
    SubsidyApplication,
    SubsidyKind,
    Transition,
)
from reports.assemble import build_table
from reports.nodes import Node
from stations.models import District, EmploymentStatus, Resident, ServiceRecord, UnemploymentRegistration
from stations.validators import normalize_credit_code
from tests.factories import ResidentFactory
from tests.factories.assistance import AssistanceCaseFactory
from training.models import SEAT_HOLDING, Catalogue, Enrolment, EnrolmentStatus, TrainingClass, add_months

TINY = {
    "streets": 6,
    "communities": 12,
    "residents": 60,
    "services": 120,
    "cases": 9,
    "employers": 6,
    "postings": 8,
    "expired_postings": 12,
    "enrolments": 120,
    "applications": 40,
    "classes": 6,
    "training_needs": 30,
    "businesses": 16,
    "loans": 6,
}


def test_city_data_loads_over_the_small_demo_without_duplicating_registrations_or_cases(db, community, community_staff):
    # What the small demo leaves: an unemployed resident with an open registration and case.
    resident = ResidentFactory(community=community, employment_status=EmploymentStatus.UNEMPLOYED)
    UnemploymentRegistration.objects.create(
        resident=resident, number="SY-DEMO", registered_on=resident.created_at.date()
    )
    AssistanceCaseFactory(resident=resident, assigned_to=community_staff)

    CityGenerator(rng=random.Random(7), sizes=TINY).run()

    assert Resident.objects.count() == TINY["residents"]
    assert UnemploymentRegistration.objects.filter(resident=resident, ended_on__isnull=True).count() == 1
    assert AssistanceCase.objects.filter(resident=resident, status=CaseStatus.OPEN).count() == 1


def test_city_cases_open_for_the_generated_unemployed_even_when_cases_already_exist(db, community, community_staff):
    AssistanceCaseFactory(resident=ResidentFactory(community=community), assigned_to=community_staff)

    CityGenerator(rng=random.Random(7), sizes=TINY).run()

    open_registrations = UnemploymentRegistration.objects.filter(ended_on__isnull=True)
    assert open_registrations.exists()
    assert not open_registrations.exclude(resident__assistance_cases__status=CaseStatus.OPEN).exists()


# --- training and startups ----------------------------------------------------------------
def _history_period():
    import datetime as dt

    from django.utils import timezone

    from stations.figures import Period

    today = timezone.localdate()
    return Period(start=today - dt.timedelta(days=3 * 365 + 1), end=today, label="generated history")


@pytest.fixture
def city(db, community, other_district):
    CityGenerator(rng=random.Random(7), sizes=TINY).run()


def test_city_enrolments_hold_a_seat_at_most_once_per_class_and_never_over_capacity(city):
    assert Enrolment.objects.count() > TINY["enrolments"] // 2
    live = Enrolment.objects.filter(status__in=SEAT_HOLDING)
    assert not live.values("resident", "training_class").annotate(n=Count("pk")).filter(n__gt=1).exists()
    over = TrainingClass.objects.annotate(
        seats=Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING))
    ).filter(seats__gt=F("capacity"))
    assert not over.exists()


def test_city_trainees_attend_one_class_at_a_time(city):
    seats = list(
        Enrolment.objects.filter(status__in=SEAT_HOLDING).values_list(
            "resident_id", "training_class__start_date", "training_class__end_date"
        )
    )
    for i, (resident, start, end) in enumerate(seats):
        for other, other_start, other_end in seats[i + 1 :]:
            assert resident != other or other_end < start or end < other_start


def test_city_completions_carry_their_employment_windows(city):
    completed = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
    assert completed.exists()
    for enrolment in completed:
        assert enrolment.window_3m_end == add_months(enrolment.completed_on, 3)
        assert enrolment.window_6m_end == add_months(enrolment.completed_on, 6)
    assert not Enrolment.objects.exclude(status=EnrolmentStatus.COMPLETED).filter(completed_on__isnull=False).exists()


def test_city_classes_take_courses_and_providers_of_their_own_district(city):
    assert TrainingClass.objects.exists()
    assert not TrainingClass.objects.exclude(course__catalogue__district=F("community__street__district")).exists()
    assert not TrainingClass.objects.exclude(provider__district=F("community__street__district")).exists()
    assert Catalogue.objects.filter(status="published").count() == District.objects.count()


def test_city_businesses_have_valid_unique_credit_codes_and_a_founder(city):
    businesses = list(Business.objects.prefetch_related("founders"))
    assert len(businesses) == TINY["businesses"]
    for business in businesses:
        assert normalize_credit_code(business.credit_code) == business.credit_code
        assert business.founders.exists()


def test_city_applications_keep_one_live_per_person_or_business_and_kind(city):
    assert SubsidyApplication.objects.count() == TINY["applications"]
    live = SubsidyApplication.objects.filter(status__in=LIVE_STATUSES)
    per_business = live.filter(business__isnull=False).values("business", "kind").annotate(n=Count("pk"))
    per_person = live.filter(kind__in=PER_PERSON_KINDS).values("resident", "kind").annotate(n=Count("pk"))
    assert not per_business.filter(n__gt=1).exists()
    assert not per_person.filter(n__gt=1).exists()
    assert set(SubsidyApplication.objects.values_list("kind", flat=True)) == set(SubsidyKind.values)


def test_city_application_step_log_leads_to_each_applications_status(city):
    for application in SubsidyApplication.objects.prefetch_related("events"):
        events = list(application.events.order_by("at", "pk"))
        if not events:
            assert application.status == ApplicationStatus.DRAFT
            continue
        assert events[0].transition == Transition.SUBMIT
        assert events[-1].to_status == application.status
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_status == before.to_status
            assert after.at >= before.at
        assert application.status_changed_at == events[-1].at


def test_city_loans_are_within_the_plans_limits(city):
    loans = list(GuaranteeLoan.objects.all())
    assert len(loans) == TINY["loans"]
    for loan in loans:
        amount, months = LOAN_LIMITS[loan.borrower_kind]
        assert 0 < loan.amount <= amount
        assert loan.term_months <= months
        assert loan.business_id or loan.borrower_kind == BorrowerKind.INDIVIDUAL


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


def test_city_training_and_startup_steps_only_top_up_to_their_targets_the_second_time(city):
    counts = [SubsidyApplication.objects.count(), ApplicationEvent.objects.count(), Business.objects.count()]

    CityGenerator(rng=random.Random(8), sizes=TINY).run()

    assert [SubsidyApplication.objects.count(), ApplicationEvent.objects.count(), Business.objects.count()] == counts
    assert Enrolment.objects.count() <= TINY["enrolments"]
    live = Enrolment.objects.filter(status__in=SEAT_HOLDING)
    assert not live.values("resident", "training_class").annotate(n=Count("pk")).filter(n__gt=1).exists()


def test_no_community_is_drawn_beyond_the_cap_of_its_weight():
    generator = CityGenerator(rng=random.Random(7), sizes=TINY)

    weights = generator.community_weights(list(range(5000)))

    assert max(weights) <= PARETO_CAP
    assert max(weights) > 10 * sorted(weights)[len(weights) // 2]  # still far busier than the median


# --- sizes, counts, determinism and statistics ------------------------------------------------
def test_city_profile_is_zaozhuangs_real_size():
    city = PROFILES["city"]
    assert city["residents"] == 2_000_000
    assert city["services"] == 8_000_000
    assert city["cases"] == 150_000
    assert city["employers"] == 30_000
    assert (city["postings"], city["expired_postings"]) == (50_000, 500_000)
    assert city["enrolments"] == 300_000
    assert PROFILES["city500k"]["residents"] == 500_000


def test_resident_tuples_store_what_derive_computes():
    generator = CityGenerator(rng=random.Random(3), sizes=TINY)
    (batch,) = generator.resident_tuples(40, [(1, "370402"), (2, "370481")], set())
    for row in batch:
        resident = Resident(**dict(zip(CityGenerator.RESIDENT_COLUMNS, row, strict=True)))

        def derived(r):
            return (r.birth_date, r.sex, r.four_clears_score, r.search_tokens, r.id_tail, r.mobile_tail)

        stored = derived(resident)
        resident.derive()
        assert stored == derived(resident)


def test_resident_tuples_make_the_profiles_share_unemployed_and_unique_id_numbers():
    generator = CityGenerator(rng=random.Random(3), sizes={"residents": 1000, "cases": 75})
    rows = [row for batch in generator.resident_tuples(1000, [(1, "370402")], set()) for row in batch]
    statuses = [row[CityGenerator.RESIDENT_COLUMNS.index("employment_status")] for row in rows]
    assert statuses.count(EmploymentStatus.UNEMPLOYED) == 75
    assert len({row[2] for row in rows}) == 1000


def test_unemployed_share_follows_the_profile_when_only_residents_are_given():
    generator = CityGenerator(rng=random.Random(3), sizes={"residents": 1000}, profile="city")
    assert generator.sizes["cases"] == 75  # 150,000 of 2,000,000


def test_city_run_writes_each_size_exactly_on_an_empty_register(city):
    from jobs.models import Posting

    assert Resident.objects.count() == TINY["residents"]
    assert ServiceRecord.objects.count() == TINY["services"]
    assert Resident.objects.filter(employment_status=EmploymentStatus.UNEMPLOYED).count() == TINY["cases"]
    assert AssistanceCase.objects.filter(status=CaseStatus.OPEN).count() == TINY["cases"]
    assert Posting.objects.filter(status="published").count() == TINY["postings"]
    assert Posting.objects.filter(status="expired").count() == TINY["expired_postings"]


def test_city_live_postings_are_open_today_and_expired_ones_closed(city):
    from django.utils import timezone

    from jobs.models import Posting

    today = timezone.localdate()
    assert Posting.objects.live(on=today).count() == TINY["postings"]
    expired = Posting.objects.filter(status="expired")
    assert not expired.filter(valid_until__gte=today).exists()
    assert not expired.filter(valid_until__lt=F("valid_from")).exists()


def test_city_service_records_lie_between_registration_and_today(city):
    from django.utils import timezone

    assert not ServiceRecord.objects.filter(served_on__gt=timezone.localdate()).exists()
    assert not ServiceRecord.objects.filter(served_on__lt=F("resident__created_at__date")).exists()


def test_a_second_city_run_adds_no_row(city):
    from jobs.models import Employer, Posting

    # Enrolments may top up seats a first run could not fill (tested above).
    tables = [Resident, ServiceRecord, UnemploymentRegistration, AssistanceCase, Employer, Posting]
    through = Resident.target_groups.through
    before = [m.objects.count() for m in tables] + [through.objects.count()]

    CityGenerator(rng=random.Random(8), sizes=TINY).run()

    assert [m.objects.count() for m in tables] + [through.objects.count()] == before


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


def test_copy_tuples_fills_the_columns_left_out_with_their_defaults(db, community, community_staff):
    import datetime as dt

    from django.utils import timezone

    resident = ResidentFactory(community=community)
    today = timezone.localdate()
    now = timezone.now()
    columns = ["resident_id", "assigned_to_id", "opened_by_id", "opened_on", "year_ends_on", "created_at", "updated_at"]

    copy_tuples(
        AssistanceCase,
        columns,
        [(resident.pk, community_staff.pk, community_staff.pk, today, today + dt.timedelta(days=364), now, now)],
    )

    case = AssistanceCase.objects.get(resident=resident)
    assert case.status == CaseStatus.OPEN
    assert case.aid_type == AssistanceCase._meta.get_field("aid_type").default
    assert case.close_reason == ""
    assert case.closed_on is None


def _indexes_and_keys(table):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname", [table])
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass ORDER BY 1",
            [table],
        )
        return indexes, cursor.fetchall()


def test_a_bulk_load_gets_back_every_index_and_foreign_key(db, community):
    from django.db import connection

    from benchmarks.citygen import indexes_deferred

    if connection.vendor != "postgresql":
        pytest.skip("indexes are only deferred on PostgreSQL")
    table = Resident._meta.db_table
    before = _indexes_and_keys(table)

    with indexes_deferred(Resident, adding=1, at_least=0):
        assert len(_indexes_and_keys(table)[0]) < len(before[0])
        ResidentFactory(community=community)

    assert _indexes_and_keys(table) == before


def test_both_city_scales_load_through_the_bulk_seeder_alone():
    from stations import demo

    for scale in ("city", "city500k"):
        assert [s.name for s in demo.seeders(scale)] == ["city"]


def test_seed_demo_refuses_an_unknown_scale():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="invalid choice"):
        call_command("seed_demo", "--scale", "province")


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


def test_city_target_groups_fit_the_person(city):
    from django.utils import timezone

    from stations.models import Resident
    from stations.target_group_rules import target_group_problems

    today = timezone.localdate()
    grouped = Resident.objects.filter(target_groups__isnull=False).distinct().prefetch_related("target_groups")
    assert grouped.exists()
    misfits = [
        (r.pk, codes)
        for r in grouped
        if target_group_problems(
            codes := [g.code for g in r.target_groups.all()], sex=r.sex, birth_date=r.birth_date, on=today
        )
    ]
    assert misfits == []
