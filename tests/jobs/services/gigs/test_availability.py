"""Registering for odd work: at the station and on the resident's own page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobs.models import GigAvailability, GigOffer
from jobs.services import gigs as services
from stations.models import AuditEntry, Resident, TextConsent
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import household_data

pytestmark = pytest.mark.django_db

pytestmark = pytest.mark.django_db


def test_station_registers_a_resident_for_odd_work_in_one_step(community_staff, community):
    resident = ResidentFactory(community=community)
    row = services.availability_register(
        actor=community_staff, resident=resident, kinds=["cleaning"], weekdays=[0, 1], max_km=2
    )
    assert row.kinds == ["cleaning"] and row.weekdays == [0, 1]


def test_station_cannot_register_a_resident_of_another_area(community_staff, other_community):
    with pytest.raises(PermissionDenied):
        services.availability_register(
            actor=community_staff,
            resident=ResidentFactory(community=other_community),
            kinds=["cleaning"],
            weekdays=[0],
            max_km=2,
        )


def register(resident, **overrides):
    args = {"kinds": ["cleaning"], "weekdays": list(range(7)), "max_km": 3, **overrides}
    return services.availability_register_own(resident=resident, **args)


def test_a_resident_registers_their_own_availability_at_once_with_no_staff_named(community):
    resident = ResidentFactory(community=community)

    row = register(resident, kinds=["cleaning", "moving"], weekdays=[5, 0, 5], max_km=5)

    row.refresh_from_db()
    assert (row.kinds, row.weekdays, row.max_km, row.active, row.registered_by) == (
        ["cleaning", "moving"],
        [0, 5],
        5,
        True,
        None,
    )


def test_registering_ones_own_availability_is_audited_with_no_actor(community):
    row = register(ResidentFactory(community=community))

    entry = AuditEntry.objects.get(object_id=str(row.pk), action="create")
    assert entry.actor is None
    assert entry.changes["by"] == "resident"
    assert entry.community_id == community.pk


def test_registering_again_changes_the_same_row(community):
    resident = ResidentFactory(community=community)
    register(resident)

    register(resident, kinds=["repairs"])

    assert GigAvailability.objects.get(resident=resident).kinds == ["repairs"]
    assert AuditEntry.objects.filter(action="update", changes__by="resident").count() == 1


def test_no_kind_of_work_is_refused_with_the_field_named(community):
    with pytest.raises(ValidationError) as exc:
        register(ResidentFactory(community=community), kinds=[])

    assert "kinds" in exc.value.message_dict
    assert not GigAvailability.objects.exists()


def test_a_distance_past_the_limit_is_refused(community):
    with pytest.raises(ValidationError) as exc:
        register(ResidentFactory(community=community), max_km=500)

    assert "max_km" in exc.value.message_dict


def test_a_removed_resident_cannot_register(community):
    resident = ResidentFactory(community=community, removed_at=timezone.now())

    with pytest.raises(PermissionDenied):
        register(resident)


def test_ticking_consent_records_it_as_given_by_the_resident(community):
    resident = ResidentFactory(community=community, text_consent=TextConsent.UNKNOWN)

    register(resident, text_consent=True)

    resident = Resident.objects.get(pk=resident.pk)
    assert resident.text_consent == TextConsent.GIVEN
    assert AuditEntry.objects.filter(object_id=str(resident.pk), actor__isnull=True, changes__by="resident").exists()


def test_without_the_tick_consent_stays_as_it_was(community):
    resident = ResidentFactory(community=community, text_consent=TextConsent.WITHDRAWN)

    register(resident)

    assert Resident.objects.get(pk=resident.pk).text_consent == TextConsent.WITHDRAWN


def test_a_new_odd_job_is_offered_to_a_resident_who_registered_themself(community):
    worker = ResidentFactory(community=community)
    register(worker)

    gig = services.gig_post_for_household(resident=ResidentFactory(community=community), data=household_data())

    assert GigOffer.objects.filter(gig=gig, resident=worker).exists()


def test_withdrawing_stops_new_offers_and_keeps_the_row(community):
    worker = ResidentFactory(community=community)
    register(worker)

    services.availability_withdraw_own(resident=worker)
    gig = services.gig_post_for_household(resident=ResidentFactory(community=community), data=household_data())

    assert GigAvailability.objects.get(resident=worker).active is False
    assert not GigOffer.objects.filter(gig=gig, resident=worker).exists()
    assert AuditEntry.objects.filter(changes__active=False, changes__by="resident").exists()


def test_withdrawing_without_a_registration_does_nothing(community):
    assert services.availability_withdraw_own(resident=ResidentFactory(community=community)) is None


def test_registering_for_odd_work_can_record_consent_to_texts(community_staff, community):
    resident = ResidentFactory(community=community)
    services.availability_register(
        actor=community_staff, resident=resident, kinds=["cleaning"], weekdays=[0], max_km=2, text_consent=True
    )
    assert Resident.objects.get(pk=resident.pk).text_consent == "given"
