import datetime as dt
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


def test_demo_publishes_no_posting_the_screening_blocks():
    demo.seed_region(rng=random.Random(1))
    seed_jobs(scale="small", rng=random.Random(2))
    assert not Posting.objects.filter(status="published", screening_blocked=True).exists()
    assert not Posting.objects.filter(status="published").exclude(screening_flags=[]).exists()
    assert Posting.objects.filter(status="pending", screening_blocked=True).exists()  # shows how a block looks
    assert Posting.objects.filter(pay_unit="hour", work_pattern="part_time").exists()


def test_demo_odd_jobs_show_today_tomorrow_and_yesterdays_record_once():
    from django.utils import timezone

    from jobs.demo_gigs import seed_gigs
    from jobs.models import Gig, GigOffer
    from stations.demo.residents import seed_residents

    demo.seed_region(rng=random.Random(1))
    demo.seed_logins()
    seed_residents(scale="small", rng=random.Random("2026-residents"))
    seed_jobs(scale="small", rng=random.Random(2))
    seed_gigs(scale="small", rng=random.Random(3))
    today = timezone.localdate()
    gigs = Gig.objects.count()
    assert Gig.objects.filter(date=today, status="open").exists()
    assert Gig.objects.filter(date=today + dt.timedelta(days=1)).exists()
    assert GigOffer.objects.filter(gig__date=today).exists()
    assert GigOffer.objects.filter(checked_out_at__isnull=False, pay_confirmed__gt=0).exists()
    assert GigOffer.objects.filter(unpaid_reported_at__isnull=False).exists()
    seed_gigs(scale="small", rng=random.Random(3))
    assert Gig.objects.count() == gigs
