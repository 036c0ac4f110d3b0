"""An offer's life: take a place first come first served (or wait), give it
up, check in and out, confirm pay, report not being paid, rate, and record
flexible employment from a job worked. Every change of places locks the
gig's row first."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Gig, GigOffer, GigStatus, OfferState
from stations import closed_months
from stations.audit import audit_record
from stations.messaging import templates as text_templates
from stations.models import AuditAction, EmploymentStatus, User
from stations.services.common import require

from .offering import gig_when, tell_station, text_offer


def _locked_offer(token: str) -> tuple[GigOffer, Gig]:
    """The offer for `token` and its gig, the gig's row locked first (every
    change of places takes this lock, in this order)."""
    offer = GigOffer.objects.filter(token=token).only("gig_id").first()
    if offer is None:
        raise PermissionDenied("offer")
    gig = Gig.objects.select_for_update().get(pk=offer.gig_id)
    offer = GigOffer.objects.select_for_update().select_related("resident").get(pk=offer.pk)
    offer.gig = gig
    return offer, gig


def _take_place(gig: Gig, offer: GigOffer, now) -> None:
    offer.state = OfferState.ACCEPTED
    offer.accepted_at = now
    gig.places_taken += 1
    if gig.places_taken >= gig.places:
        gig.status = GigStatus.FILLED
        gig.filled_at = gig.filled_at or now
    gig.save(update_fields=["places_taken", "status", "filled_at"])
    offer.save(update_fields=["state", "accepted_at"])


@closed_months.guard(label=gettext_lazy("Accept an odd job"), name="jobs.services.gigs.offer_accept")
@transaction.atomic
def offer_accept(*, token: str, request=None) -> GigOffer:
    """Take a place on the offer's gig, or the waiting list when none is left.
    The gig's row is locked, so concurrent accepts never overbook."""
    offer, gig = _locked_offer(token)
    if gig.status not in (GigStatus.OPEN, GigStatus.FILLED):
        raise ValidationError(_("This odd job is no longer open."))
    if offer.state not in (OfferState.OFFERED, OfferState.CANCELLED):
        return offer  # accepting twice changes nothing
    closed_months.touch(communities=[gig.community_id], dates=[gig.date])
    now = timezone.now()
    if gig.places_taken < gig.places:
        _take_place(gig, offer, now)
    else:
        offer.state = OfferState.WAITING
        offer.waiting_since = now
        offer.save(update_fields=["state", "waiting_since"])
    audit_record(actor=None, action=AuditAction.TRANSITION, obj=offer, request=request, changes={"state": offer.state})
    return offer


@closed_months.guard(label=gettext_lazy("Cancel an odd job"), name="jobs.services.gigs.offer_cancel")
@transaction.atomic
def offer_cancel(*, token: str, request=None) -> GigOffer:
    """Give up a place (or leave the waiting list) before checking in. A freed
    place goes to the longest waiting resident, who is told by text."""
    offer, gig = _locked_offer(token)
    if offer.state not in (OfferState.ACCEPTED, OfferState.WAITING, OfferState.OFFERED):
        raise ValidationError(_("This offer cannot be cancelled now."))
    closed_months.touch(communities=[gig.community_id], dates=[gig.date])
    held = offer.state == OfferState.ACCEPTED
    offer.state = OfferState.CANCELLED
    offer.save(update_fields=["state"])
    if held:
        gig.places_taken -= 1
        if gig.status == GigStatus.FILLED:
            gig.status = GigStatus.OPEN
        gig.save(update_fields=["places_taken", "status"])
        waiting = (
            GigOffer.objects.select_for_update()
            .select_related("resident")
            .filter(gig=gig, state=OfferState.WAITING)
            .order_by("waiting_since", "pk")
            .first()
        )
        if waiting is not None:
            _take_place(gig, waiting, timezone.now())
            waiting.gig = gig
            text_offer(
                waiting,
                template=text_templates.GIG_PLACE_FREE,
                params={"title": gig.title, "when": gig_when(gig), "code": waiting.token},
                kind="place_free",
            )
    audit_record(actor=None, action=AuditAction.TRANSITION, obj=offer, request=request, changes={"state": "cancelled"})
    return offer


def _check(offer: GigOffer, gig: Gig, now) -> GigOffer:
    if now.astimezone(timezone.get_current_timezone()).date() != gig.date:
        raise ValidationError(_("Checking in and out is only possible on the day of the job."))
    if offer.state == OfferState.ACCEPTED:
        offer.state = OfferState.CHECKED_IN
        offer.checked_in_at = now
        offer.save(update_fields=["state", "checked_in_at"])
    elif offer.state == OfferState.CHECKED_IN:
        offer.state = OfferState.DONE
        offer.checked_out_at = now
        offer.save(update_fields=["state", "checked_out_at"])
    else:
        raise ValidationError(_("Only someone who has a place on this job can check in."))
    return offer


@transaction.atomic
def offer_check_in_out(*, token: str, check_token: str, now=None, request=None) -> GigOffer:
    """The worker scanned the gig's QR code: check in, or out when already in.
    The code must be this gig's, so it proves the worker is at the place."""
    offer, gig = _locked_offer(token)
    if check_token != gig.check_token:
        raise PermissionDenied("check_token")
    _check(offer, gig, now or timezone.now())
    audit_record(actor=None, action=AuditAction.TRANSITION, obj=offer, request=request, changes={"state": offer.state})
    return offer


def _staff_offer(actor: User, offer: GigOffer) -> tuple[GigOffer, Gig]:
    require(actor, "jobs.manage_posting")
    if not GigOffer.objects.visible_to(actor).filter(pk=offer.pk).exists():
        raise PermissionDenied("offer")
    return _locked_offer(offer.token)


@transaction.atomic
def offer_record_check(*, actor: User, offer: GigOffer, now=None, request=None) -> GigOffer:
    """The station records a check-in or check-out for a worker without a phone."""
    offer, gig = _staff_offer(actor, offer)
    _check(offer, gig, now or timezone.now())
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=offer, request=request, changes={"state": offer.state})
    return offer


@transaction.atomic
def offer_accept_for(*, actor: User, offer: GigOffer, request=None) -> GigOffer:
    """The station accepts by phone for a resident without a smartphone."""
    _staff_offer(actor, offer)
    return offer_accept(token=offer.token, request=request)


@closed_months.guard(label=gettext_lazy("Confirm an odd job's pay"), name="jobs.services.gigs.offer_confirm_pay")
@transaction.atomic
def offer_confirm_pay(*, poster_token: str, offer: GigOffer, amount: int, request=None) -> GigOffer:
    """The poster confirms what they paid a worker on the day."""
    gig = Gig.objects.select_for_update().filter(poster_token=poster_token).first()
    if gig is None or offer.gig_id != gig.pk:
        raise PermissionDenied("poster")
    offer = GigOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.state not in (OfferState.CHECKED_IN, OfferState.DONE):
        raise ValidationError(_("Pay can be confirmed once the worker has checked in."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Enter the amount paid.")})
    closed_months.touch(communities=[gig.community_id], dates=[gig.date])
    offer.pay_confirmed = amount
    offer.pay_confirmed_at = timezone.now()
    offer.save(update_fields=["pay_confirmed", "pay_confirmed_at"])
    audit_record(actor=None, action=AuditAction.UPDATE, obj=offer, request=request, changes={"pay_confirmed": amount})
    return offer


@closed_months.guard(label=gettext_lazy("Report an odd job not paid"), name="jobs.services.gigs.offer_report_unpaid")
@transaction.atomic
def offer_report_unpaid(*, token: str, note: str, request=None) -> GigOffer:
    """The worker says they were not paid: recorded on the offer (kept for
    good) and sent to the community's staff as a to-do."""
    offer, gig = _locked_offer(token)
    if offer.state not in (OfferState.CHECKED_IN, OfferState.DONE):
        raise ValidationError(_("Only someone who worked on this job can report not being paid."))
    closed_months.touch(communities=[gig.community_id], dates=[gig.date])
    if offer.unpaid_reported_at is None:
        offer.unpaid_reported_at = timezone.now()
    offer.unpaid_note = (note or "").strip()[:300]
    offer.save(update_fields=["unpaid_reported_at", "unpaid_note"])
    message = _("Odd job not paid: %(resident)s on %(title)s (%(date)s).") % {
        "resident": offer.resident.name,
        "title": gig.title,
        "date": f"{gig.date:%Y-%m-%d}",
    }
    tell_station(gig, kind="jobs.gig_unpaid", message=message, key=f"gig-unpaid:{offer.pk}")
    audit_record(actor=None, action=AuditAction.UPDATE, obj=offer, request=request, changes={"unpaid": True})
    return offer


def _rating(value) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    return rating


@transaction.atomic
def offer_rate_job(*, token: str, rating, request=None) -> GigOffer:
    """The worker rates the job after checking out."""
    offer, _gig = _locked_offer(token)
    if offer.state != OfferState.DONE:
        raise ValidationError(_("A job can be rated after it is done."))
    offer.worker_rating = _rating(rating)
    offer.save(update_fields=["worker_rating"])
    return offer


@transaction.atomic
def offer_rate_worker(*, poster_token: str, offer: GigOffer, rating, request=None) -> GigOffer:
    """The poster rates a worker; only station staff see it."""
    gig = Gig.objects.filter(poster_token=poster_token).first()
    if gig is None or offer.gig_id != gig.pk:
        raise PermissionDenied("poster")
    offer = GigOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.state != OfferState.DONE:
        raise ValidationError(_("A worker can be rated after checking out."))
    offer.poster_rating = _rating(rating)
    offer.save(update_fields=["poster_rating"])
    return offer


# Statuses that mean the person has another job: odd work does not change them.
OTHER_JOB_STATUSES = (EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED)


def offer_suggests_flexible_employment(offer: GigOffer) -> bool:
    """A worker who did the job and has no other job recorded (status blank,
    registered unemployed or out of the labour force): the station may record
    flexible employment, which it decides; nothing changes the status by itself."""
    return offer.checked_in_at is not None and offer.resident.employment_status not in (
        *OTHER_JOB_STATUSES,
        EmploymentStatus.FLEXIBLE,
    )


def offer_record_flexible_employment(*, actor: User, offer: GigOffer, request=None):
    """Staff record, from an odd job the resident worked, that the resident is
    in flexible employment (灵活就业), dated the job's day: through the one
    status service, so the history, the unemployment registration and the
    household's zero-employment flag follow. Refused when the resident has
    another job recorded or the job was not worked."""
    from stations.services import resident_employment_status_change

    found = GigOffer.objects.visible_to(actor).select_related("gig", "resident").filter(pk=offer.pk).first()
    if found is None:
        raise PermissionDenied("offer")
    if not offer_suggests_flexible_employment(found):
        raise ValidationError(_("Only a worker who checked in and has no other job recorded can be recorded so."))
    return resident_employment_status_change(
        actor=actor,
        resident=found.resident,
        status=EmploymentStatus.FLEXIBLE,
        changed_on=found.gig.date,
        note=(_("Odd job: %(title)s") % {"title": found.gig.title})[:200],
        request=request,
    )
