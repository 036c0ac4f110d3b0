"""Taking and giving up places (under concurrent accepts too), checking in
and out, pay, ratings and flexible employment."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from jobs.models import Gig, GigOffer, GigStatus, OfferState
from jobs.services import gigs as services
from stations.models import EmploymentStatusChange, Notification, Resident
from tests.factories.gigs import GigFactory, GigOfferFactory
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db

pytestmark = pytest.mark.django_db


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


def test_a_freed_place_is_texted_to_the_first_waiting():
    first = GigOfferFactory()
    second = GigOfferFactory(gig=first.gig)
    services.offer_accept(token=first.token)
    services.offer_accept(token=second.token)
    services.offer_cancel(token=first.token)
    assert GigOffer.objects.get(pk=second.pk).text_message.template == "gig_place_free"


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
