import random

import pytest
from django.utils import timezone

from jobs.demo import credit_code, seed_jobs
from jobs.models import Employer, FairSignUp, JobFair, LabourSurvey, Posting, PostingStatus
from stations import demo
from stations.validators import normalize_credit_code

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Employer, LabourSurvey, Posting, JobFair, FairSignUp)]


def test_demo_credit_codes_are_valid():
    assert all(normalize_credit_code(credit_code(n)) == credit_code(n) for n in range(1, 30))


def test_seeding_twice_changes_nothing_and_includes_pending_and_flagged_postings():
    demo.seed_region(rng=random.Random(1))
    seed_jobs(scale="small", rng=random.Random(2))
    first = counts()
    seed_jobs(scale="small", rng=random.Random(2))
    assert counts() == first
    assert Posting.objects.filter(status="pending").exists()
    assert Posting.objects.exclude(screening_flags=[]).exists()
    assert Posting.objects.filter(status="published").count() >= 50


def test_demo_publishes_no_posting_the_screening_blocks():
    demo.seed_region(rng=random.Random(1))
    seed_jobs(scale="small", rng=random.Random(2))
    assert not Posting.objects.filter(status="published", screening_blocked=True).exists()
    assert not Posting.objects.filter(status="published").exclude(screening_flags=[]).exists()
    assert Posting.objects.filter(status="pending", screening_blocked=True).exists()  # shows how a block looks
    assert Posting.objects.filter(pay_unit="hour", work_pattern="part_time").exists()


def test_demo_has_a_demo_base_and_a_housekeeping_outlet_with_open_jobs():
    import random

    from jobs.demo import seed_jobs
    from stations import demo

    demo.seed_region(rng=random.Random(1))
    seed_jobs(scale="small", rng=random.Random(2))

    live = Posting.objects.live(on=timezone.localdate()).filter(status=PostingStatus.PUBLISHED)
    assert live.filter(related_site__kind="demo_base").count() >= 2
    assert live.filter(related_site__kind="housekeeping_outlet").exists()
