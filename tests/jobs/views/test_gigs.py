"""The odd-job forms run through the one form-to-service view: what the
service refuses goes back onto the form, and a link that stopped working says
so on the employer's page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import EmployerGigLink, Gig, GigOffer, OfferState
from jobs.services import gigs as services
from jobs.views import gigs as views
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory
from tests.factories.jobs import EmployerFactory
from tests.factories.residents import ResidentFactory
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


def test_station_posts_a_gig_and_it_is_offered_nearby(staff_client, community):
    GigAvailabilityFactory(resident=ResidentFactory(community=community))
    response = staff_client.post(reverse("jobs:gig_create"), gig_form_data(community))
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


def test_the_station_issues_the_link_from_the_employers_page(staff_client, community):
    employer = EmployerFactory(community=community)
    staff_client.post(reverse("jobs:gig_employer_link", args=[employer.pk]), {"action": "issue"})
    assert EmployerGigLink.objects.filter(employer=employer).exists()
    page = staff_client.get(reverse("jobs:employer_detail", args=[employer.pk])).content.decode()
    assert reverse("jobs:gig_employer_link", args=[employer.pk]) in page


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


def test_after_too_many_wrong_codes_even_a_right_one_is_refused_for_the_hour(client):
    offer = GigOfferFactory()
    for n in range(views.WRONG_CODES_PER_HOUR + 1):
        client.get(f"/g/wrong{n:05d}")
    assert client.get(f"/g/{offer.token}").status_code == 429
    assert client.get(reverse("gigs_public:offer", args=[offer.token])).status_code == 429


def test_right_codes_do_not_count_against_the_address(client):
    offer = GigOfferFactory()
    for _ in range(views.WRONG_CODES_PER_HOUR + 5):
        assert client.get(reverse("gigs_public:offer", args=[offer.token])).status_code == 200


def test_the_station_posts_for_an_employer_and_the_contact_is_its(staff_client, community):
    from tests.factories.jobs import EmployerFactory

    employer = EmployerFactory(community=community)
    staff_client.post(
        reverse("jobs:gig_create"), gig_form_data(community, employer=employer.pk, poster_name="", poster_phone="")
    )
    gig = Gig.objects.get()
    assert (gig.employer, gig.poster_name, gig.poster_phone) == (employer, employer.name, employer.contact_phone)


def test_the_station_posts_for_a_household_by_its_id_number(staff_client, community):
    resident = ResidentFactory(community=community)
    staff_client.post(
        reverse("jobs:gig_create"),
        gig_form_data(community, household_id_number=resident.id_number.lower(), poster_name="", poster_phone=""),
    )
    assert Gig.objects.get().poster_resident == resident


def test_a_household_of_another_area_is_not_found_and_the_form_keeps_what_was_typed(staff_client, other_community):
    stranger = ResidentFactory(community=other_community)
    response = staff_client.post(
        reverse("jobs:gig_create"),
        gig_form_data(other_community, household_id_number=stranger.id_number, title="擦玻璃"),
    )
    assert response.status_code == 200
    assert not Gig.objects.exists()
    assert "擦玻璃" in response.content.decode()


def test_without_an_employer_or_household_the_name_and_phone_are_needed(staff_client, community):
    response = staff_client.post(reverse("jobs:gig_create"), gig_form_data(community, poster_name="", poster_phone=""))
    assert response.status_code == 200
    assert not Gig.objects.exists()


pytestmark = pytest.mark.django_db


def _gig(community, **overrides):
    return {
        "community": community.pk,
        "poster_name": "王女士",
        "poster_phone": "13900000000",
        "title": "家庭保洁",
        "kind": "cleaning",
        "address": "幸福小区3号楼",
        "date": timezone.localdate().isoformat(),
        "start_time": "14:00",
        "end_time": "17:00",
        "places": 1,
        "pay": 30,
        "pay_unit": "hour",
        "risk": "",
        **overrides,
    }


def test_a_gig_the_service_refuses_is_shown_again_with_the_reason(staff_client, community):
    response = staff_client.post(reverse("jobs:gig_create"), _gig(community, pay=20))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Gig.objects.exists()


def test_a_gig_the_station_posts_opens_its_page_with_how_many_were_offered_it(staff_client, community):
    response = staff_client.post(reverse("jobs:gig_create"), _gig(community), follow=True)

    gig = Gig.objects.get()
    assert response.redirect_chain[-1][0] == reverse("jobs:gig_detail", kwargs={"pk": gig.pk})
    assert any("0" in str(m) for m in response.context["messages"])


def test_the_employers_form_shows_what_the_service_refuses_beside_the_field(client, community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))

    response = client.post(reverse("gigs_public:employer_post", args=[link.code]), _gig(community, pay=20))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Gig.objects.exists()


def test_a_revoked_link_answers_on_the_employers_page_without_posting(client, community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    page = reverse("gigs_public:employer_post", args=[link.code])
    services.employer_gig_link_revoke(actor=community_staff, employer=employer)

    response = client.post(page, _gig(community))

    assert response.status_code == 200
    assert not Gig.objects.exists()
