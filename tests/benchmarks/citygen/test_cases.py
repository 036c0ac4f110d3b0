import random

from assistance.models import AssistanceCase, CaseStatus
from benchmarks.citygen.generator import CityGenerator
from stations.models import EmploymentStatus, Resident, UnemploymentRegistration
from tests.benchmarks.citygen.conftest import TINY
from tests.factories import ResidentFactory
from tests.factories.assistance import AssistanceCaseFactory


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
