import random

import pytest

from jobs.demo import credit_code, seed_jobs
from jobs.models import Employer, FairSignUp, JobFair, LabourSurvey, Posting
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
