import datetime as dt

import pytest
from django.utils import timezone

from jobs.report_figures import compute_gigs
from jobs.services import gigs as services
from stations.figures import Period
from tests.factories.gigs import GigFactory, GigOfferFactory

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
    with django_assert_num_queries(3):
        compute_gigs(period=period_of(timezone.localdate()), community_ids=[community.pk])
