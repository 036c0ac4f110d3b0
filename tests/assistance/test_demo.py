from assistance.models import AssistanceCase, CaseStatus
from stations.models import ServiceRecord
from tests.factories.residents import ResidentFactory


def test_demo_seeder_opens_cases_once_per_community_and_adds_people_out_of_work_when_too_few(
    community, community_staff
):
    import random

    from assistance.demo import MIN_OPEN, seed_assistance
    from stations.models import Resident

    for _ in range(2):
        ResidentFactory(community=community, employment_status="unemployed")
    seed_assistance(scale="small", rng=random.Random(1))
    opened = AssistanceCase.objects.count()
    residents = Resident.objects.count()
    assert AssistanceCase.objects.filter(status=CaseStatus.OPEN).count() >= MIN_OPEN
    assert ServiceRecord.objects.exists()
    seed_assistance(scale="small", rng=random.Random(1))
    assert (AssistanceCase.objects.count(), Resident.objects.count()) == (opened, residents)
