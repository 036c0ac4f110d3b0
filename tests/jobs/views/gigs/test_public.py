"""The public odd-job pages: the board, a resident's offer, checking in by
the QR code, the poster's page and the employer's form by its link."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Gig, GigOffer, OfferState
from jobs.services import gigs as services
from tests.factories.gigs import GigFactory, GigOfferFactory
from tests.factories.jobs import EmployerFactory
from tests.jobs.conftest import gig_form_data

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


def test_the_link_opens_the_employers_form_by_its_short_code(client, community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    response = client.get(f"/g/{link.code}")
    assert response["Location"] == reverse("gigs_public:employer_post", args=[link.code])
    assert client.get(response["Location"]).status_code == 200


def test_the_employers_form_posts_and_opens_the_posters_page(client, community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    response = client.post(
        reverse("gigs_public:employer_post", args=[link.code]),
        {
            "community": community.pk,
            "title": "仓库搬货",
            "kind": "moving",
            "address": "物流园",
            "date": timezone.localdate().isoformat(),
            "start_time": "14:00",
            "end_time": "17:00",
            "places": 2,
            "pay": 25,
            "pay_unit": "hour",
            "risk": "",
        },
    )
    gig = Gig.objects.get()
    assert response["Location"] == reverse("gigs_public:poster", args=[gig.poster_token])


def test_a_short_code_opens_the_residents_offer(client):
    offer = GigOfferFactory()
    response = client.get(f"/g/{offer.token}")
    assert response.status_code == 302
    assert response["Location"] == reverse("gigs_public:offer", args=[offer.token])


def test_a_posters_short_code_opens_the_posters_page(client):
    gig = GigFactory()
    response = client.get(f"/g/{gig.poster_token}")
    assert response["Location"] == reverse("gigs_public:poster", args=[gig.poster_token])


def test_an_unknown_code_is_404(client):
    assert client.get("/g/xxxxxxxxxx").status_code == 404


def test_the_employers_form_shows_what_the_service_refuses_beside_the_field(client, community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))

    response = client.post(reverse("gigs_public:employer_post", args=[link.code]), gig_form_data(community, pay=20))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Gig.objects.exists()


def test_a_revoked_link_answers_on_the_employers_page_without_posting(client, community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    page = reverse("gigs_public:employer_post", args=[link.code])
    services.employer_gig_link_revoke(actor=community_staff, employer=employer)

    response = client.post(page, gig_form_data(community))

    assert response.status_code == 200
    assert not Gig.objects.exists()
