"""The odd-job forms run through the one form-to-service view: what the
service refuses goes back onto the form, and a link that stopped working says
so on the employer's page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Gig
from jobs.services import gigs as services
from tests.factories.jobs import EmployerFactory

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
