"""The station's odd-job pages: posting on someone's behalf (what the service
refuses goes back onto the form), the day's list, acting by phone."""

import pytest
from django.urls import reverse

from jobs.models import EmployerGigLink, Gig, GigOffer, OfferState
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory
from tests.factories.jobs import EmployerFactory
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_form_data

pytestmark = pytest.mark.django_db


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


def test_the_station_issues_the_link_from_the_employers_page(staff_client, community):
    employer = EmployerFactory(community=community)
    staff_client.post(reverse("jobs:gig_employer_link", args=[employer.pk]), {"action": "issue"})
    assert EmployerGigLink.objects.filter(employer=employer).exists()
    page = staff_client.get(reverse("jobs:employer_detail", args=[employer.pk])).content.decode()
    assert reverse("jobs:gig_employer_link", args=[employer.pk]) in page


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


def test_a_gig_the_service_refuses_is_shown_again_with_the_reason(staff_client, community):
    response = staff_client.post(reverse("jobs:gig_create"), gig_form_data(community, pay=20))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Gig.objects.exists()


def test_a_gig_the_station_posts_opens_its_page_with_how_many_were_offered_it(staff_client, community):
    response = staff_client.post(reverse("jobs:gig_create"), gig_form_data(community), follow=True)

    gig = Gig.objects.get()
    assert response.redirect_chain[-1][0] == reverse("jobs:gig_detail", kwargs={"pk": gig.pk})
    assert any("0" in str(m) for m in response.context["messages"])
