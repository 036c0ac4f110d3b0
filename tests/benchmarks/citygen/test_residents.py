import random

from benchmarks.citygen.generator import CityGenerator
from stations.models import EmploymentStatus, Resident
from tests.benchmarks.citygen.conftest import TINY


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
