import datetime as dt

import pytest
from django.utils import timezone

from jobs.report_figures import compute_gigs
from jobs.services import gigs as services
from stations.figures import Period
from stations.models import Resident
from tests.factories.gigs import GigFactory, GigOfferFactory
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db


def period_of(day: dt.date) -> Period:
    return Period(day.replace(day=1), day, "now")


def test_a_filled_worked_and_paid_gig_counts_in_its_community(community):
    offer = GigOfferFactory(gig__community=community)
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)
    services.offer_confirm_pay(poster_token=offer.gig.poster_token, offer=offer, amount=90)
    values = compute_gigs(period=period_of(timezone.localdate()), community_ids=[community.pk])[community.pk]
    assert values["gigs_posted"] == 1
    assert values["gigs_filled"] == 1
    assert values["gig_worker_days"] == 1
    assert values["gig_pay_confirmed"] == 90
    assert values["gig_pay_disputes"] == 0


def test_gig_figures_take_a_fixed_number_of_queries(community, django_assert_num_queries):
    for _ in range(3):
        GigFactory(community=community)
    with django_assert_num_queries(4):
        compute_gigs(period=period_of(timezone.localdate()), community_ids=[community.pk])


def worked(community, resident) -> None:
    offer = GigOfferFactory(gig__community=community, resident=resident)
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)


def test_a_worker_with_no_other_job_counts_as_flexibly_employed_and_the_record_is_left_alone(community):
    resident = ResidentFactory(community=community, employment_status="unemployed")
    worked(community, resident)
    values = compute_gigs(period=period_of(timezone.localdate()), community_ids=[community.pk])[community.pk]
    assert values["gig_workers"] == 1
    assert values["gig_flexibly_employed"] == 1
    assert Resident.objects.get(pk=resident.pk).employment_status == "unemployed"


def test_a_worker_with_a_job_recorded_is_not_counted_as_flexibly_employed(community):
    worked(community, ResidentFactory(community=community, employment_status="employed"))
    values = compute_gigs(period=period_of(timezone.localdate()), community_ids=[community.pk])[community.pk]
    assert values["gig_workers"] == 1
    assert values.get("gig_flexibly_employed", 0) == 0


def test_the_status_counted_is_the_one_recorded_on_the_periods_last_day(community):
    from stations.models import EmploymentStatusChange

    today = timezone.localdate()
    resident = ResidentFactory(community=community, employment_status="employed")
    EmploymentStatusChange.objects.create(resident=resident, status="unemployed", changed_on=today)
    EmploymentStatusChange.objects.create(resident=resident, status="employed", changed_on=today + dt.timedelta(days=1))
    worked(community, resident)
    values = compute_gigs(period=period_of(today), community_ids=[community.pk])[community.pk]
    assert values["gig_flexibly_employed"] == 1
