"""Writes of the day-labour corner (零工): post an odd job, offer it nearby,
take its places first come first served, check in and out, confirm pay.

Residents have no accounts: the services they reach take their offer's token
(the link in the text message) or the gig's QR token, never an actor. Every
change of places locks the gig's row first, so two people accepting the last
place at once get one place and one waiting-list entry, never two places (and
the database refuses places_taken > places in any case).
"""

from __future__ import annotations

import datetime as dt
import logging
import math

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.geo import haversine_km
from jobs.models import Employer, Gig, GigAvailability, GigKind, GigOffer, GigPayUnit, GigRisk, GigStatus, OfferState
from jobs.models.gigs import GIG_WORKFLOW
from jobs.screening import Flag, minimum_wages, screen_posting
from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Community, Resident, Role, User
from stations.services.common import require, require_community_in_scope
from stations.services.notifications import notification_send
from stations.sms import SmsMessage, get_sms_backend

log = logging.getLogger("portal.gigs")

# When no coordinates are known for a resident's or the gig's community, the
# same community counts as "nearby" and nothing else does.
# What the poster tells about the job, in the order the form asks it.
GIG_DETAIL_FIELDS = (
    "poster_name",
    "poster_phone",
    "title",
    "kind",
    "address",
    "date",
    "start_time",
    "end_time",
    "places",
    "pay",
    "pay_unit",
    "bring",
    "description",
    "risk",
    "certificate",
)
GIG_FIELDS = ("community", "employer", "poster_resident", *GIG_DETAIL_FIELDS)


def gig_hours(gig: Gig) -> float:
    start = dt.datetime.combine(gig.date, gig.start_time)
    end = dt.datetime.combine(gig.date, gig.end_time)
    return max((end - start).total_seconds() / 3600, 0.0)


def gig_screen(gig: Gig, *, wages: tuple[int, int] | None = None) -> list[Flag]:
    """The posting screening applied to an odd job. Pay per hour is checked
    against the hourly minimum; a day's pay against the hourly minimum times
    the gig's hours; piece rates cannot be checked and are left to the station."""
    _monthly, hourly = wages or minimum_wages(gig.date)
    flags = screen_posting(
        title=gig.title or "",
        description=gig.description or "",
        requirements=gig.bring or "",
        minimum_monthly=_monthly,
        minimum_hourly=hourly,
    )
    minimum = None
    if gig.pay_unit == GigPayUnit.HOUR:
        minimum = hourly
    elif gig.pay_unit == GigPayUnit.DAY:
        minimum = math.ceil(hourly * gig_hours(gig))
    if minimum is not None and gig.pay is not None and gig.pay < minimum:
        flags.insert(
            0,
            Flag(
                "below_minimum_wage",
                "pay",
                params={"salary": gig.pay, "minimum": minimum, "unit": gig.pay_unit, "basis": "hourly"},
            ),
        )
    return flags


def _check_gig(gig: Gig) -> None:
    errors: dict[str, list] = {}
    if gig.start_time and gig.end_time and gig.end_time <= gig.start_time:
        errors["end_time"] = [_("The end time must be after the start time.")]
    if gig.risk != GigRisk.NONE and not gig.certificate.strip():
        errors["certificate"] = [_("High-risk work needs the matching certificate: name it.")]
    if gig.date and gig.date < timezone.localdate():
        errors["date"] = [_("An odd job cannot be posted for a past day.")]
    if errors:
        raise ValidationError(errors)


@closed_months.guard(label=gettext_lazy("Post an odd job"))
@transaction.atomic
def gig_post(*, actor: User, data: dict, request=None) -> Gig:
    """Post an odd job in the actor's area for an employer, a household or
    anyone the station speaks for, screened as postings are: a blocking flag
    (pay below the minimum, a fee, an unlawful condition) refuses it. It is
    then offered at once to available residents nearby."""
    require(actor, "jobs.manage_posting")
    community = data.get("community")
    require_community_in_scope(actor, community)
    gig = Gig(**{k: v for k, v in data.items() if k in GIG_FIELDS}, posted_by=actor)
    if gig.employer_id and not Employer.objects.visible_to(actor).filter(pk=gig.employer_id).exists():
        raise ValidationError({"employer": _("You can only choose an employer in your own area.")})
    _check_gig(gig)
    gig.full_clean(exclude=["posted_by"])
    flags = gig_screen(gig)
    gig.screening_flags = [f.as_dict() for f in flags]
    gig.screening_blocked = any(f.blocking for f in flags)
    if gig.screening_blocked:
        from jobs.screening import describe_all

        raise ValidationError([n.message for n in describe_all(gig.screening_flags) if n.blocking])
    if isinstance(community, Community) and community.latitude is not None and community.longitude is not None:
        gig.latitude, gig.longitude = float(community.latitude), float(community.longitude)
    closed_months.touch(communities=[gig.community_id], dates=[gig.date])
    gig.posted_at = timezone.now()
    gig.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=gig,
        request=request,
        changes={"kind": gig.kind, "date": str(gig.date), "places": gig.places, "risk": gig.risk},
    )
    gig_offer_nearby(gig=gig)
    return gig


def gig_candidates(*, gig: Gig) -> list[GigAvailability]:
    """Available residents whose kinds of work, days and distance fit `gig`.
    Read within the gig's street (a day-labour corner serves its 15-minute
    circle), then filtered here: a street holds a few hundred registrations."""
    weekday = gig.date.weekday()
    rows = (
        GigAvailability.objects.filter(
            active=True,
            resident__removed_at__isnull=True,
            resident__community__street_id=gig.community.street_id,
        )
        .select_related("resident__community")
        .order_by("pk")
    )
    out = []
    for row in rows:
        if gig.kind not in (row.kinds or []) or weekday not in (row.weekdays or []):
            continue
        home = row.resident.community
        if home.pk != gig.community_id:
            if gig.latitude is None or home.latitude is None or home.longitude is None:
                continue
            distance = haversine_km(float(home.latitude), float(home.longitude), gig.latitude, gig.longitude or 0.0)
            if distance > row.max_km:
                continue
        out.append(row)
    return out


def _offer_link(token: str) -> str:
    base = getattr(settings, "PORTAL_PUBLIC_URL", "") or ""
    return base.rstrip("/") + reverse("gigs_public:offer", args=[token])


def _send_offer(offer: GigOffer, *, phone: str, text: str) -> None:
    """The one place an offer's text message leaves. Today it goes through
    stations.sms (the logging backend writes it to the console); the template
    message gateway takes its place once it exists."""
    offer.message_text = text[:300]
    offer.save(update_fields=["message_text"])
    log.info("gig offer %s to %s***: %s", offer.pk, phone[:3], text)
    if phone:
        transaction.on_commit(lambda: get_sms_backend().send_messages([SmsMessage(phone=phone, text=text)]))


def _offer_text(gig: Gig, token: str) -> str:
    return _("Odd job %(date)s %(start)s-%(end)s: %(title)s, %(pay)s. Accept: %(link)s") % {
        "date": f"{gig.date:%m-%d}",
        "start": f"{gig.start_time:%H:%M}",
        "end": f"{gig.end_time:%H:%M}",
        "title": gig.title,
        "pay": gig.pay_text,
        "link": _offer_link(token),
    }


def gig_offer_nearby(*, gig: Gig) -> list[GigOffer]:
    """Offer `gig` to every fitting resident not offered it yet, one text each."""
    already = set(GigOffer.objects.filter(gig=gig).values_list("resident_id", flat=True))
    offers = []
    for row in gig_candidates(gig=gig):
        if row.resident_id in already:
            continue
        offer = GigOffer.objects.create(gig=gig, resident=row.resident)
        _send_offer(offer, phone=row.phone or row.resident.mobile, text=_offer_text(gig, offer.token))
        offers.append(offer)
    return offers


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


@closed_months.guard(label=gettext_lazy("Accept an odd job"))
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


@closed_months.guard(label=gettext_lazy("Cancel an odd job"))
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
            text = _(
                "A place came free: you have the odd job %(title)s on %(date)s at %(start)s. Details: %(link)s"
            ) % {
                "title": gig.title,
                "date": f"{gig.date:%m-%d}",
                "start": f"{gig.start_time:%H:%M}",
                "link": _offer_link(waiting.token),
            }
            availability = GigAvailability.objects.filter(resident=waiting.resident).first()
            _send_offer(
                waiting, phone=(availability.phone if availability else "") or waiting.resident.mobile, text=text
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


@closed_months.guard(label=gettext_lazy("Confirm an odd job's pay"))
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


@closed_months.guard(label=gettext_lazy("Report an odd job not paid"))
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
    link = reverse("jobs:gig_detail", args=[gig.pk])
    message = _("Odd job not paid: %(resident)s on %(title)s (%(date)s).") % {
        "resident": offer.resident.name,
        "title": gig.title,
        "date": f"{gig.date:%Y-%m-%d}",
    }
    for user in User.objects.filter(role=Role.COMMUNITY_STAFF, community_id=gig.community_id, is_active=True):
        notification_send(
            recipient=user,
            kind="jobs.gig_unpaid",
            message=message,
            link=link,
            dedupe_key=f"gig-unpaid:{offer.pk}:{user.pk}",
        )
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


@closed_months.guard(label=gettext_lazy("Cancel or close an odd job"))
@transaction.atomic
def gig_step(*, actor: User, gig: Gig, step: str, request=None) -> Gig:
    """Cancel an odd job or close it as done (GIG_WORKFLOW, under the gig's row
    lock). Cancelling tells everyone holding or waiting for a place by text."""
    closed_months.touch(communities=[gig.community_id], dates=[gig.date])

    def after(locked, _previous):
        if step != "cancel":
            return
        text = _("The odd job %(title)s on %(date)s is cancelled.") % {
            "title": locked.title,
            "date": f"{locked.date:%m-%d}",
        }
        for offer in GigOffer.objects.select_related("resident").filter(
            gig=locked, state__in=(OfferState.ACCEPTED, OfferState.WAITING)
        ):
            availability = GigAvailability.objects.filter(resident=offer.resident).first()
            _send_offer(offer, phone=(availability.phone if availability else "") or offer.resident.mobile, text=text)

    GIG_WORKFLOW.apply(queryset=Gig.objects, obj=gig, step=step, actor=actor, after=after, request=request)
    return gig  # apply refreshes `gig` from the database


@transaction.atomic
def availability_register(
    *,
    actor: User,
    resident: Resident,
    kinds: list[str],
    weekdays: list[int],
    max_km: int,
    phone: str = "",
    request=None,
) -> GigAvailability:
    """Register (or change) in one step which odd work a resident takes."""
    require(actor, "jobs.manage_posting")
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident")
    kinds = [k for k in kinds if k in GigKind.values]
    weekdays = sorted({int(d) for d in weekdays if 0 <= int(d) <= 6})
    if not kinds:
        raise ValidationError({"kinds": _("Choose at least one kind of work.")})
    if not weekdays:
        raise ValidationError({"weekdays": _("Choose at least one day.")})
    row, created = GigAvailability.objects.update_or_create(
        resident=resident,
        defaults={
            "kinds": kinds,
            "weekdays": weekdays,
            "max_km": max_km,
            "phone": phone,
            "active": True,
            "registered_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=row,
        request=request,
        changes={"kinds": kinds, "weekdays": weekdays, "max_km": max_km},
    )
    return row
