"""Odd jobs (零工): posting and screening, offers and their text messages,
places under concurrent accepts, check in and out, pay, availability (the
station's and the resident's own), who posts (station, household, an
employer through its private link) and flexible employment."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from jobs.models import EmployerGigLink, Gig, GigAvailability, GigOffer, GigStatus, OfferState
from jobs.services import gigs as services
from stations.messaging.templates import PARAM_MAX_LENGTH
from stations.models import (
    AuditEntry,
    EmploymentStatusChange,
    Notification,
    Resident,
    TextConsent,
    TextMessage,
    TextMessageStatus,
)
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory
from tests.factories.jobs import EmployerFactory
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_data, household_data

pytestmark = pytest.mark.django_db


# --- posting and screening ------------------------------------------------------
def test_gig_paying_below_the_hourly_minimum_is_refused(community_staff, community):
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(community, pay=20))
    assert not Gig.objects.exists()


def test_gig_paying_the_hourly_minimum_is_posted(community_staff, community):
    gig = services.gig_post(actor=community_staff, data=gig_data(community, pay=21))
    assert gig.status == GigStatus.OPEN


def test_day_rate_is_checked_against_the_hourly_minimum_for_the_gigs_hours(community_staff, community):
    # 3 hours at 21 yuan: 63 yuan is the floor for the afternoon.
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(community, pay=60, pay_unit="day"))
    assert services.gig_post(actor=community_staff, data=gig_data(community, pay=63, pay_unit="day")).pk


def test_gig_asking_workers_for_a_deposit_is_refused(community_staff, community):
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(community, description="需交押金100元"))


def test_high_risk_gig_needs_the_certificate_named(community_staff, community):
    with pytest.raises(ValidationError) as info:
        services.gig_post(actor=community_staff, data=gig_data(community, risk="heights"))
    assert "certificate" in info.value.error_dict


def test_gig_outside_the_staff_area_is_refused(community_staff, other_community):
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(other_community))


# --- offers ------------------------------------------------------------------------
def test_new_gig_is_offered_to_available_residents_nearby_whose_work_fits(community_staff, community):
    fits = GigAvailabilityFactory(resident=ResidentFactory(community=community))
    GigAvailabilityFactory(resident=ResidentFactory(community=community), kinds=["moving"])
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert list(gig.offers.values_list("resident_id", flat=True)) == [fits.resident_id]
    offer = gig.offers.get()
    assert f"/g/{offer.token}" in offer.message_text


def test_gig_is_not_offered_to_residents_further_than_they_go(community_staff, community, sibling_community):
    sibling_community.latitude, sibling_community.longitude = "34.900000", "117.320000"  # ~10 km north
    sibling_community.save()
    GigAvailabilityFactory(resident=ResidentFactory(community=sibling_community), max_km=3)
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert not gig.offers.exists()


def test_gig_is_not_offered_on_a_day_the_resident_does_not_work(community_staff, community):
    today = timezone.localdate().weekday()
    GigAvailabilityFactory(resident=ResidentFactory(community=community), weekdays=[(today + 1) % 7])
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert not gig.offers.exists()


# --- accept, waiting list, cancel ----------------------------------------------------
def test_first_accept_takes_the_place_and_fills_the_gig():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    offer.refresh_from_db()
    assert offer.state == OfferState.ACCEPTED
    assert Gig.objects.get().status == GigStatus.FILLED


def test_accept_after_the_last_place_goes_to_the_waiting_list():
    first = GigOfferFactory()
    second = GigOfferFactory(gig=first.gig)
    services.offer_accept(token=first.token)
    services.offer_accept(token=second.token)
    second.refresh_from_db()
    assert second.state == OfferState.WAITING
    assert Gig.objects.get().places_taken == 1


def test_cancelled_place_goes_to_the_first_on_the_waiting_list():
    first = GigOfferFactory()
    second = GigOfferFactory(gig=first.gig)
    services.offer_accept(token=first.token)
    services.offer_accept(token=second.token)
    services.offer_cancel(token=first.token)
    second.refresh_from_db()
    assert second.state == OfferState.ACCEPTED
    assert Gig.objects.get().places_taken == 1


def test_accepting_twice_takes_one_place():
    offer = GigOfferFactory(gig__places=2)
    services.offer_accept(token=offer.token)
    services.offer_accept(token=offer.token)
    assert Gig.objects.get().places_taken == 1


# --- check in and out, pay ------------------------------------------------------------
def test_scanning_the_qr_code_twice_checks_in_then_out_and_counts_the_hours():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token, now=start)
    offer = services.offer_check_in_out(
        token=offer.token, check_token=offer.gig.check_token, now=start + dt.timedelta(hours=2, minutes=30)
    )
    assert offer.state == OfferState.DONE
    assert offer.hours_worked == 2.5


def test_another_gigs_qr_code_does_not_check_in():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    with pytest.raises(PermissionDenied):
        services.offer_check_in_out(token=offer.token, check_token=GigFactory().check_token)


def test_poster_confirms_pay_for_a_worker_who_checked_in():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)
    offer = services.offer_confirm_pay(poster_token=offer.gig.poster_token, offer=offer, amount=90)
    assert offer.pay_confirmed == 90


def test_pay_cannot_be_confirmed_with_another_gigs_poster_link():
    offer = GigOfferFactory()
    with pytest.raises(PermissionDenied):
        services.offer_confirm_pay(poster_token=GigFactory().poster_token, offer=offer, amount=90)


def test_not_paid_report_reaches_the_communitys_staff(community_staff, community):
    offer = GigOfferFactory(gig__community=community)
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)
    services.offer_report_unpaid(token=offer.token, note="没给钱")
    assert Notification.objects.filter(recipient=community_staff, kind="jobs.gig_unpaid").count() == 1
    assert GigOffer.objects.get().unpaid_reported_at is not None


def test_rating_outside_one_to_five_is_refused():
    offer = GigOfferFactory(state=OfferState.DONE)
    with pytest.raises(ValidationError):
        services.offer_rate_job(token=offer.token, rating=6)


# --- availability -------------------------------------------------------------------
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


# --- the gig's own steps --------------------------------------------------------------
def test_cancelling_a_gig_tells_the_workers_holding_a_place(community_staff, community):
    offer = GigOfferFactory(gig__community=community)
    services.offer_accept(token=offer.token)
    gig = services.gig_step(actor=community_staff, gig=offer.gig, step="cancel")
    assert gig.status == GigStatus.CANCELLED
    assert GigOffer.objects.get().text_message.template == "gig_cancelled"


def test_staff_of_another_area_cannot_cancel_a_gig(other_community_staff, community):
    gig = GigFactory(community=community)
    with pytest.raises(ValidationError):
        services.gig_step(actor=other_community_staff, gig=gig, step="cancel")
    gig.refresh_from_db()
    assert gig.status == GigStatus.OPEN


def test_a_cancelled_gig_cannot_be_accepted(community_staff, community):
    offer = GigOfferFactory(gig__community=community)
    services.gig_step(actor=community_staff, gig=offer.gig, step="cancel")
    with pytest.raises(ValidationError):
        services.offer_accept(token=offer.token)


@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_of_the_last_place_give_it_to_one(community):
    """Needs PostgreSQL's row locks (SQLite serialises writers by locking the whole file, which proves nothing)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    first = GigOfferFactory(gig__community=community, gig__places=1)
    others = [GigOfferFactory(gig=first.gig) for _ in range(5)]
    tokens = [o.token for o in [first, *others]]
    barrier = threading.Barrier(len(tokens))
    errors = []

    def accept(token):
        try:
            barrier.wait()
            services.offer_accept(token=token)
        except Exception as exc:  # noqa: BLE001 - any failure fails the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    gig = Gig.objects.get()
    assert gig.places_taken == 1
    assert GigOffer.objects.filter(state=OfferState.ACCEPTED).count() == 1
    assert GigOffer.objects.filter(state=OfferState.WAITING).count() == 5


def test_issuing_a_link_texts_it_to_the_employers_contact(community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    message = TextMessage.objects.get(template="gig_employer_link")
    assert (message.number, message.params["code"], message.status) == (employer.contact_phone, link.code, "queued")
    assert link.text_message == message


def test_a_new_link_stops_the_last_one(community_staff, community):
    employer = EmployerFactory(community=community)
    first = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    services.employer_gig_link_issue(actor=community_staff, employer=employer)
    assert not EmployerGigLink.objects.get(pk=first.pk).is_live()


def test_staff_of_another_area_cannot_issue_a_link(other_community_staff, community):
    with pytest.raises(PermissionDenied):
        services.employer_gig_link_issue(actor=other_community_staff, employer=EmployerFactory(community=community))


def test_the_employer_posts_through_its_link_as_the_poster(community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    gig = services.gig_post_by_employer_link(code=link.code, data=household_data())
    assert (gig.employer, gig.community, gig.poster_phone, gig.posted_by) == (
        employer,
        community,
        employer.contact_phone,
        None,
    )


def test_a_post_through_the_link_below_the_hourly_minimum_is_refused(community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    with pytest.raises(ValidationError):
        services.gig_post_by_employer_link(code=link.code, data=household_data(pay=20))
    assert not Gig.objects.exists()


def test_high_risk_work_posted_through_the_link_reaches_the_station(community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    services.gig_post_by_employer_link(code=link.code, data=household_data(risk="electrical", certificate="电工证"))
    assert Notification.objects.filter(recipient=community_staff, kind="jobs.gig_flagged").exists()


def test_a_revoked_link_posts_nothing(community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    services.employer_gig_link_revoke(actor=community_staff, employer=employer)
    with pytest.raises(PermissionDenied):
        services.gig_post_by_employer_link(code=link.code, data=household_data())


def test_an_expired_link_posts_nothing(community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    EmployerGigLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(PermissionDenied):
        services.gig_post_by_employer_link(code=link.code, data=household_data())


def available(community, **kwargs):
    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN, **kwargs)
    return GigAvailabilityFactory(resident=resident)


def test_an_offer_is_a_template_message_whose_parameters_fit_the_providers_limit(community_staff, community):
    available(community)
    gig = services.gig_post(actor=community_staff, data=gig_data(community, title="家庭保洁" * 10))
    offer = gig.offers.get()
    message = TextMessage.objects.get(template="gig_offer")
    assert offer.text_message == message
    assert message.params["code"] == offer.token
    assert all(len(value) <= PARAM_MAX_LENGTH for value in message.params.values())


def test_an_offer_stops_being_of_use_when_the_job_starts(community_staff, community):
    available(community)
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert gig.offers.get().text_message.expires_at == services.gig_starts_at(gig)


def test_a_resident_who_has_not_agreed_to_texts_is_offered_but_not_texted(community_staff, community):
    GigAvailabilityFactory(resident=ResidentFactory(community=community))
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert gig.offers.get().text_message.status == TextMessageStatus.WITHHELD


def test_the_offer_goes_to_the_phone_given_for_odd_work(community_staff, community):
    row = available(community)
    row.phone = "13811112222"
    row.save()
    services.gig_post(actor=community_staff, data=gig_data(community))
    assert TextMessage.objects.get(template="gig_offer").number == "13811112222"


def test_no_offer_goes_through_the_staff_sms_backend():
    import jobs.services.gigs as module

    assert not hasattr(module, "get_sms_backend")


def test_a_household_posting_at_the_station_is_texted_its_own_short_link(community_staff, community):
    household = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    gig = services.gig_post(
        actor=community_staff, data=gig_data(community, poster_resident=household, poster_name="", poster_phone="")
    )
    message = TextMessage.objects.get(template="gig_poster_link")
    assert message.resident == household
    assert message.params["code"] == gig.poster_token
    assert (gig.poster_name, gig.poster_phone) == (household.name, household.mobile)


def test_a_freed_place_is_texted_to_the_first_waiting():
    first = GigOfferFactory()
    second = GigOfferFactory(gig=first.gig)
    services.offer_accept(token=first.token)
    services.offer_accept(token=second.token)
    services.offer_cancel(token=first.token)
    assert GigOffer.objects.get(pk=second.pk).text_message.template == "gig_place_free"


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


def worked_offer(community, **resident):
    offer = GigOfferFactory(gig__community=community, resident=ResidentFactory(community=community, **resident))
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)
    return GigOffer.objects.select_related("gig", "resident").get(pk=offer.pk)


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
