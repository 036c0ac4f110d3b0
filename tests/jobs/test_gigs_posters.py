"""Who posts odd jobs: the station for an employer or a household, a household
itself (gig_post_for_household, for the resident's own page), and how odd work
counts as flexible employment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jobs.models import Gig, GigOffer
from jobs.services import gigs as services
from stations.models import EmploymentStatusChange, Notification, Resident
from tests.factories.gigs import GigOfferFactory
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_data, household_data

pytestmark = pytest.mark.django_db


# --- a household posts itself -----------------------------------------------------------
def test_a_household_posts_an_odd_job_at_its_own_community(community):
    resident = ResidentFactory(community=community)
    gig = services.gig_post_for_household(resident=resident, data=household_data())
    assert (gig.community, gig.poster_resident, gig.posted_by) == (community, resident, None)
    assert gig.poster_phone == resident.mobile


def test_a_household_posting_below_the_hourly_minimum_is_refused(community):
    with pytest.raises(ValidationError):
        services.gig_post_for_household(resident=ResidentFactory(community=community), data=household_data(pay=20))
    assert not Gig.objects.exists()


def test_a_household_cannot_post_outside_its_street(community, other_community):
    with pytest.raises(ValidationError):
        services.gig_post_for_household(
            resident=ResidentFactory(community=community), data=household_data(community=other_community)
        )


def test_a_removed_resident_cannot_post(community):
    resident = ResidentFactory(community=community, removed_at=timezone.now())
    with pytest.raises(PermissionDenied):
        services.gig_post_for_household(resident=resident, data=household_data())


def test_high_risk_work_a_household_posts_reaches_the_station(community, community_staff):
    services.gig_post_for_household(
        resident=ResidentFactory(community=community), data=household_data(risk="heights", certificate="高处作业证")
    )
    assert Notification.objects.filter(recipient=community_staff, kind="jobs.gig_flagged").exists()


# --- the station posts on someone's behalf ------------------------------------------------
def form_data(community, **overrides):
    data = {
        **gig_data(community),
        "community": community.pk,
        "date": timezone.localdate().isoformat(),
        "start_time": "14:00",
        "end_time": "17:00",
    }
    return {**data, **overrides}


def test_the_station_posts_for_an_employer_and_the_contact_is_its(staff_client, community):
    from tests.factories.jobs import EmployerFactory

    employer = EmployerFactory(community=community)
    staff_client.post(
        reverse("jobs:gig_create"), form_data(community, employer=employer.pk, poster_name="", poster_phone="")
    )
    gig = Gig.objects.get()
    assert (gig.employer, gig.poster_name, gig.poster_phone) == (employer, employer.name, employer.contact_phone)


def test_the_station_posts_for_a_household_by_its_id_number(staff_client, community):
    resident = ResidentFactory(community=community)
    staff_client.post(
        reverse("jobs:gig_create"),
        form_data(community, household_id_number=resident.id_number.lower(), poster_name="", poster_phone=""),
    )
    assert Gig.objects.get().poster_resident == resident


def test_a_household_of_another_area_is_not_found_and_the_form_keeps_what_was_typed(staff_client, other_community):
    stranger = ResidentFactory(community=other_community)
    response = staff_client.post(
        reverse("jobs:gig_create"),
        form_data(other_community, household_id_number=stranger.id_number, title="擦玻璃"),
    )
    assert response.status_code == 200
    assert not Gig.objects.exists()
    assert "擦玻璃" in response.content.decode()


def test_without_an_employer_or_household_the_name_and_phone_are_needed(staff_client, community):
    response = staff_client.post(reverse("jobs:gig_create"), form_data(community, poster_name="", poster_phone=""))
    assert response.status_code == 200
    assert not Gig.objects.exists()


# --- flexible employment ------------------------------------------------------------------
def worked_offer(community, **resident):
    offer = GigOfferFactory(gig__community=community, resident=ResidentFactory(community=community, **resident))
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)
    return GigOffer.objects.select_related("gig", "resident").get(pk=offer.pk)


def test_working_an_odd_job_leaves_the_recorded_status_alone(community):
    offer = worked_offer(community, employment_status="unemployed")
    assert Resident.objects.get(pk=offer.resident_id).employment_status == "unemployed"
    assert services.offer_suggests_flexible_employment(offer)


def test_the_station_records_flexible_employment_dated_the_jobs_day(community_staff, community):
    offer = worked_offer(community, employment_status="unemployed")
    services.offer_record_flexible_employment(actor=community_staff, offer=offer)
    change = EmploymentStatusChange.objects.get(resident=offer.resident, status="flexible")
    assert change.changed_on == offer.gig.date
    assert Resident.objects.get(pk=offer.resident_id).employment_status == "flexible"


def test_a_worker_with_a_job_recorded_is_not_recorded_as_flexibly_employed(community_staff, community):
    offer = worked_offer(community, employment_status="employed")
    with pytest.raises(ValidationError):
        services.offer_record_flexible_employment(actor=community_staff, offer=offer)


def test_staff_of_another_area_cannot_record_it(other_community_staff, community):
    offer = worked_offer(community, employment_status="unemployed")
    with pytest.raises(PermissionDenied):
        services.offer_record_flexible_employment(actor=other_community_staff, offer=offer)


def test_registering_for_odd_work_can_record_consent_to_texts(community_staff, community):
    resident = ResidentFactory(community=community)
    services.availability_register(
        actor=community_staff, resident=resident, kinds=["cleaning"], weekdays=[0], max_km=2, text_consent=True
    )
    assert Resident.objects.get(pk=resident.pk).text_consent == "given"
