import datetime as dt
import random

import pytest
from django.utils import timezone

from jobs.demo import seed_jobs
from stations import demo

pytestmark = pytest.mark.django_db


def test_demo_odd_jobs_show_today_tomorrow_and_yesterdays_record_once():

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
