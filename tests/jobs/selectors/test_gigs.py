import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from jobs.selectors.gigs import gig_get_for_user, public_gig_board
from tests.factories.gigs import GigFactory

pytestmark = pytest.mark.django_db


def test_the_public_board_holds_todays_and_tomorrows_open_gigs_soonest_first():
    today = timezone.localdate()
    tomorrow = GigFactory(date=today + dt.timedelta(days=1), start_time=dt.time(8, 0), end_time=dt.time(10, 0))
    later_today = GigFactory(date=today, start_time=dt.time(15, 0), end_time=dt.time(17, 0))
    sooner_today = GigFactory(date=today, start_time=dt.time(9, 0), end_time=dt.time(11, 0))
    GigFactory(date=today, status="filled")
    GigFactory(date=today + dt.timedelta(days=2))

    assert list(public_gig_board(today=today)) == [sooner_today, later_today, tomorrow]


def test_a_gig_of_another_area_is_not_found_for_staff(community_staff, other_community):
    gig = GigFactory(community=other_community)

    with pytest.raises(Http404):
        gig_get_for_user(user=community_staff, pk=gig.pk)
