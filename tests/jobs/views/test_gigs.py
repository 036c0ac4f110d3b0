import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import GigOffer, OfferState
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db


def test_public_board_lists_open_gigs_by_start_time(client):
    later = GigFactory(title="下午搬家", start_time=dt.time(15, 0), end_time=dt.time(17, 0))
    sooner = GigFactory(title="上午保洁", start_time=dt.time(9, 0), end_time=dt.time(11, 0))
    page = client.get(reverse("gigs_public:board")).content.decode()
    assert page.index(sooner.title) < page.index(later.title)


def test_public_board_leaves_out_filled_gigs(client):
    GigFactory(title="已满的活", status="filled")
    assert "已满的活" not in client.get(reverse("gigs_public:board")).content.decode()


def test_resident_accepts_by_the_link_in_the_message(client):
    offer = GigOfferFactory()
    client.post(reverse("gigs_public:offer", args=[offer.token]), {"action": "accept"})
    offer.refresh_from_db()
    assert offer.state == OfferState.ACCEPTED


def test_scanning_the_qr_code_on_the_phone_that_opened_the_offer_checks_in(client):
    offer = GigOfferFactory()
    client.post(reverse("gigs_public:offer", args=[offer.token]), {"action": "accept"})
    client.post(reverse("gigs_public:check", args=[offer.gig.check_token]))
    offer.refresh_from_db()
    assert offer.state == OfferState.CHECKED_IN


def test_scanning_the_qr_code_without_an_offer_on_this_phone_checks_nobody_in(client):
    offer = GigOfferFactory(state=OfferState.ACCEPTED)
    response = client.post(reverse("gigs_public:check", args=[offer.gig.check_token]))
    assert response.status_code == 403
    assert GigOffer.objects.get().state == OfferState.ACCEPTED


def test_unknown_offer_token_is_404(client):
    assert client.get(reverse("gigs_public:offer", args=["nope"])).status_code == 404


def test_poster_confirms_pay_on_their_page(client):
    offer = GigOfferFactory(state=OfferState.CHECKED_IN, checked_in_at=timezone.now())
    client.post(
        reverse("gigs_public:poster", args=[offer.gig.poster_token]), {"offer": offer.pk, "action": "pay", "amount": 90}
    )
    offer.refresh_from_db()
    assert offer.pay_confirmed == 90


def test_poster_page_does_not_show_ratings_of_residents(client):
    offer = GigOfferFactory(
        state=OfferState.DONE, checked_in_at=timezone.now(), checked_out_at=timezone.now(), poster_rating=2
    )
    page = client.get(reverse("gigs_public:poster", args=[offer.gig.poster_token])).content.decode()
    assert "/ 2" not in page


def test_station_posts_a_gig_and_it_is_offered_nearby(staff_client, community):
    GigAvailabilityFactory(resident=ResidentFactory(community=community))
    today = timezone.localdate()
    response = staff_client.post(
        reverse("jobs:gig_create"),
        {
            "community": community.pk,
            "poster_name": "王女士",
            "poster_phone": "13900000000",
            "title": "家庭保洁",
            "kind": "cleaning",
            "address": "幸福小区3号楼",
            "date": today.isoformat(),
            "start_time": "14:00",
            "end_time": "17:00",
            "places": 1,
            "pay": 30,
            "pay_unit": "hour",
        },
    )
    assert response.status_code == 302
    assert GigOffer.objects.count() == 1


def test_station_day_view_lists_the_days_gigs_in_its_area(staff_client, community, other_community):
    GigFactory(community=community, title="本社区的活")
    GigFactory(community=other_community, title="别处的活")
    page = staff_client.get(reverse("jobs:gig_day")).content.decode()
    assert "本社区的活" in page and "别处的活" not in page


def test_station_records_a_check_in_for_a_resident_without_a_phone(staff_client, community):
    offer = GigOfferFactory(gig__community=community, state=OfferState.ACCEPTED)
    staff_client.post(reverse("jobs:gig_offer_check", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.state == OfferState.CHECKED_IN
