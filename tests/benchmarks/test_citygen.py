import random

import pytest
from django.db.models import Count, F, Q

from assistance.models import AssistanceCase, CaseStatus
from benchmarks.citygen import PARETO_CAP, CityGenerator
from entrepreneurship.models import (
    LIVE_STATUSES,
    LOAN_LIMITS,
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
from stations.models import District, EmploymentStatus, Resident, UnemploymentRegistration
from stations.validators import normalize_credit_code
from tests.factories import ResidentFactory
from tests.factories.assistance import AssistanceCaseFactory
from training.models import SEAT_HOLDING, Catalogue, Enrolment, EnrolmentStatus, TrainingClass, add_months

TINY = {
    "streets": 6,
    "communities": 12,
    "residents": 60,
    "services": 120,
    "employers": 6,
    "postings": 8,
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
    per_person = live.filter(kind__in=["hiring", "social_insurance"]).values("resident", "kind").annotate(n=Count("pk"))
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
