"""Writes of the day-labour corner (零工): post an odd job, offer it nearby,
take its places first come first served, check in and out, confirm pay.

Residents have no accounts: the services they reach take their offer's short
code (the link in the text message, /g/<code>) or the gig's QR token, never an
actor. Every text message goes through the approved-template gateway
(stations.services.messaging: consent, quiet hours, the daily cap), and one
that could only arrive after the job has started is withheld, not sent late. Every
change of places locks the gig's row first, so two people accepting the last
place at once get one place and one waiting-list entry, never two places (and
the database refuses places_taken > places in any case).
"""

from __future__ import annotations

import datetime as dt
import logging
import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.geo import haversine_km
from jobs.models import (
    Employer,
    EmployerGigLink,
    Gig,
    GigAvailability,
    GigKind,
    GigOffer,
    GigPayUnit,
    GigRisk,
    GigStatus,
    OfferState,
)
from jobs.models.gigs import GIG_WORKFLOW
from jobs.screening import Flag, minimum_wages, screen_posting
from stations import closed_months
from stations.audit import audit_record
from stations.messaging import templates as text_templates
from stations.models import AuditAction, Community, EmploymentStatus, Resident, Role, TextConsent, User
from stations.services.common import require, require_community_in_scope
from stations.services.messaging import (
    resident_text_consent_give_own,
    resident_text_consent_set,
    text_message_queue,
)
from stations.services.notifications import notification_send

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


def _fill_poster(gig: Gig) -> None:
    """Who to call about the job: typed in, else the employer's contact or the household's own."""
    if gig.employer_id and gig.employer is not None:
        gig.poster_name = gig.poster_name or gig.employer.name[:50]
        gig.poster_phone = gig.poster_phone or gig.employer.contact_phone
    if gig.poster_resident_id and gig.poster_resident is not None:
        gig.poster_name = gig.poster_name or gig.poster_resident.name[:50]
        gig.poster_phone = gig.poster_phone or gig.poster_resident.mobile


def _publish(gig: Gig, *, actor: User | None, request=None) -> Gig:
    """Screen, save, audit and offer an odd job: the one path every poster's
    job takes (station, household, employer). A blocking flag (pay below the
    minimum, a fee, an unlawful condition) refuses it; high-risk work and
    any other flag reach the community's staff when no staff member posted it."""
    _fill_poster(gig)
    _check_gig(gig)
    gig.full_clean(exclude=["posted_by"])
    flags = gig_screen(gig)
    gig.screening_flags = [f.as_dict() for f in flags]
    gig.screening_blocked = any(f.blocking for f in flags)
    if gig.screening_blocked:
        from jobs.screening import describe_all

        raise ValidationError([n.message for n in describe_all(gig.screening_flags) if n.blocking])
    community = gig.community
    if community.latitude is not None and community.longitude is not None:
        gig.latitude, gig.longitude = float(community.latitude), float(community.longitude)
    closed_months.touch(communities=[gig.community_id], dates=[gig.date])
    gig.posted_at = timezone.now()
    gig.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=gig,
        request=request,
        changes={
            "kind": gig.kind,
            "date": str(gig.date),
            "places": gig.places,
            "risk": gig.risk,
            "poster": "employer" if gig.employer_id else "household" if gig.poster_resident_id else "other",
        },
    )
    if actor is None and (gig.risk or gig.screening_flags):
        _tell_station(
            gig,
            kind="jobs.gig_flagged",
            message=_("Odd job to check: %(title)s (%(date)s) is high-risk work or was flagged by the screening.")
            % {"title": gig.title, "date": f"{gig.date:%Y-%m-%d}"},
            key=f"gig-flagged:{gig.pk}",
        )
    if gig.poster_resident is not None:
        text_message_queue(
            resident=gig.poster_resident,
            template=text_templates.GIG_POSTER_LINK,
            params={"title": gig.title, "code": gig.poster_token},
            key=f"jobs.gig.poster:{gig.pk}",
        )
    gig_offer_nearby(gig=gig)
    return gig


def _tell_station(gig: Gig, *, kind: str, message: str, key: str) -> None:
    """A to-do for every community staff account of the job's community."""
    link = reverse("jobs:gig_detail", args=[gig.pk])
    for user in User.objects.filter(role=Role.COMMUNITY_STAFF, community_id=gig.community_id, is_active=True):
        notification_send(recipient=user, kind=kind, message=message, link=link, dedupe_key=f"{key}:{user.pk}")


@closed_months.guard(label=gettext_lazy("Post an odd job"))
@transaction.atomic
def gig_post(*, actor: User, data: dict, request=None) -> Gig:
    """Station staff post an odd job in their area on someone's behalf: a
    registered employer (`employer`), a household (`poster_resident`, a
    resident in the actor's area) or anyone else (name and phone typed in).
    Screened and offered as every odd job is (`_publish`)."""
    require(actor, "jobs.manage_posting")
    community = data.get("community")
    require_community_in_scope(actor, community)
    gig = Gig(**{k: v for k, v in data.items() if k in GIG_FIELDS}, posted_by=actor)
    if gig.employer_id and not Employer.objects.visible_to(actor).filter(pk=gig.employer_id).exists():
        raise ValidationError({"employer": _("You can only choose an employer in your own area.")})
    if gig.poster_resident_id and not Resident.objects.visible_to(actor).filter(pk=gig.poster_resident_id).exists():
        raise ValidationError({"poster_resident": _("You can only choose a household in your own area.")})
    return _publish(gig, actor=actor, request=request)


@closed_months.guard(label=gettext_lazy("Post an odd job"))
@transaction.atomic
def gig_post_for_household(*, resident: Resident, data: dict, request=None) -> Gig:
    """A household posts an odd job itself (the resident's own page, /me/):
    the job is at the resident's community unless `data` names another in
    the same street (a day-labour corner serves its 15-minute circle), and
    they are the poster, reached by their own mobile. No staff account:
    screened and offered as every odd job is, and high-risk work or a flag
    reaches the station as a to-do. The caller has established that the
    request comes from `resident` (the resident page's sign-in)."""
    if resident.removed_at is not None:
        raise PermissionDenied("resident")
    community = data.get("community") or resident.community
    if not isinstance(community, Community) or community.street_id != resident.community.street_id:
        raise ValidationError({"community": _("Choose a community in your own street.")})
    details = {k: v for k, v in data.items() if k in GIG_DETAIL_FIELDS and k not in ("poster_name", "poster_phone")}
    gig = Gig(**details, community=community, poster_resident=resident)
    return _publish(gig, actor=None, request=request)


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


def _when(gig: Gig) -> str:
    """The job's day and hours as a message parameter ("12-07 14:00-17:00", 17 characters)."""
    return f"{gig.date:%m-%d} {gig.start_time:%H:%M}-{gig.end_time:%H:%M}"


def gig_starts_at(gig: Gig) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(gig.date, gig.start_time))


def _text(offer: GigOffer, *, template: str, params: dict, kind: str) -> None:
    """Queue one message about `offer` to its resident through the template
    gateway: to the phone they gave for odd work, else their mobile. Without
    the resident's consent the record says "not sent" and why, and the
    station phones instead. A message that could only go out once the job
    has started (posted in quiet hours for an early job) is withheld."""
    availability = GigAvailability.objects.filter(resident=offer.resident).first()
    message = text_message_queue(
        resident=offer.resident,
        template=template,
        params=params,
        key=f"jobs.gig.{kind}:{offer.pk}",
        number=(availability.phone if availability else "") or "",
        expires_at=gig_starts_at(offer.gig),
    )
    offer.message_text = text_templates.get_template(template).render(
        text_templates.clean_params(text_templates.get_template(template), params)
    )[:300]
    offer.text_message = message
    offer.save(update_fields=["message_text", "text_message"])


def gig_offer_nearby(*, gig: Gig) -> list[GigOffer]:
    """Offer `gig` to every fitting resident not offered it yet, one text each."""
    already = set(GigOffer.objects.filter(gig=gig).values_list("resident_id", flat=True))
    offers = []
    for row in gig_candidates(gig=gig):
        if row.resident_id in already:
            continue
        offer = GigOffer.objects.create(gig=gig, resident=row.resident)
        _text(
            offer,
            template=text_templates.GIG_OFFER,
            params={"when": _when(gig), "title": gig.title, "pay": gig.pay_text, "code": offer.token},
            kind="offer",
        )
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
            waiting.gig = gig
            _text(
                waiting,
                template=text_templates.GIG_PLACE_FREE,
                params={"title": gig.title, "when": _when(gig), "code": waiting.token},
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
    message = _("Odd job not paid: %(resident)s on %(title)s (%(date)s).") % {
        "resident": offer.resident.name,
        "title": gig.title,
        "date": f"{gig.date:%Y-%m-%d}",
    }
    _tell_station(gig, kind="jobs.gig_unpaid", message=message, key=f"gig-unpaid:{offer.pk}")
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
        for offer in GigOffer.objects.select_related("resident").filter(
            gig=locked, state__in=(OfferState.ACCEPTED, OfferState.WAITING)
        ):
            offer.gig = locked
            _text(
                offer,
                template=text_templates.GIG_CANCELLED,
                params={"title": locked.title, "when": _when(locked)},
                kind="cancelled",
            )

    GIG_WORKFLOW.apply(queryset=Gig.objects, obj=gig, step=step, actor=actor, after=after, request=request)
    return gig  # apply refreshes `gig` from the database


def _availability_save(
    *, resident: Resident, kinds: list, weekdays: list, max_km: int, defaults: dict, actor: User | None, request
) -> GigAvailability:
    """Check and save a resident's odd-work availability, audited on the
    availability row (whose scope is the resident's community)."""
    kinds = [k for k in kinds if k in GigKind.values]
    weekdays = sorted({int(d) for d in weekdays if 0 <= int(d) <= 6})
    errors = {}
    if not kinds:
        errors["kinds"] = [_("Choose at least one kind of work.")]
    if not weekdays:
        errors["weekdays"] = [_("Choose at least one day.")]
    if not 1 <= int(max_km) <= MAX_KM:
        errors["max_km"] = [_("Choose a distance from 1 to %(n)s km.") % {"n": MAX_KM}]
    if errors:
        raise ValidationError(errors)
    row, created = GigAvailability.objects.update_or_create(
        resident=resident,
        defaults={"kinds": kinds, "weekdays": weekdays, "max_km": max_km, "active": True, **defaults},
    )
    changes: dict = {"kinds": kinds, "weekdays": weekdays, "max_km": max_km}
    if actor is None:
        changes["by"] = "resident"
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=row,
        request=request,
        changes=changes,
    )
    return row


# The farthest a resident may say they will go: beyond a district's width, an
# odd job of an afternoon is not worth the journey.
MAX_KM = 50


@transaction.atomic
def availability_register(
    *,
    actor: User,
    resident: Resident,
    kinds: list[str],
    weekdays: list[int],
    max_km: int,
    phone: str = "",
    text_consent: bool = False,
    request=None,
) -> GigAvailability:
    """Register (or change) in one step which odd work a resident takes, and,
    when the resident agrees there and then, their consent to text messages
    (recorded as any consent is, audited; without it offers are not texted)."""
    require(actor, "jobs.manage_posting")
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident")
    row = _availability_save(
        resident=resident,
        kinds=kinds,
        weekdays=weekdays,
        max_km=max_km,
        defaults={"phone": phone, "registered_by": actor},
        actor=actor,
        request=request,
    )
    if text_consent and resident.text_consent != TextConsent.GIVEN:
        resident_text_consent_set(
            actor=actor,
            resident=resident,
            consent=TextConsent.GIVEN,
            how=_("Agreed when registering for odd work"),
            request=request,
        )
    return row


@transaction.atomic
def availability_register_own(
    *,
    resident: Resident,
    kinds: list[str],
    weekdays: list[int],
    max_km: int,
    text_consent: bool = False,
    request=None,
) -> GigAvailability:
    """The resident says on their own page (/me/) which odd work they take,
    on which days and how far they will go: their own wish, saved at once
    (no staff confirmation, unlike a change to their record), audited with
    no actor on the availability row. Offers go to the mobile on their record:
    a phone for offers another than that is set only at the station, where
    the person is seen. `text_consent` records their agreement to texts
    when not given yet. The caller has established that the request comes
    from `resident` (the resident page's sign-in). New odd jobs are offered
    from then on; jobs already posted are not offered again."""
    if resident.removed_at is not None:
        raise PermissionDenied("resident")
    row = _availability_save(
        resident=resident,
        kinds=kinds,
        weekdays=weekdays,
        max_km=max_km,
        defaults={"registered_by": None},
        actor=None,
        request=request,
    )
    if text_consent and resident.text_consent != TextConsent.GIVEN:
        resident_text_consent_give_own(
            resident=resident, how=_("Agreed on their own page, for odd-job offers"), request=request
        )
    return row


@transaction.atomic
def availability_withdraw_own(*, resident: Resident, request=None) -> GigAvailability | None:
    """The resident stops taking odd work, on their own page: no new offers
    from now on; places already taken stay (they cancel those on the offer's
    page). The row is kept, inactive, so the station sees it was withdrawn.
    Returns None when the resident had not registered."""
    row = GigAvailability.objects.select_for_update().filter(resident=resident).first()
    if row is None:
        return None
    if row.active:
        row.active = False
        row.save(update_fields=["active", "updated_at"])
        audit_record(
            actor=None, action=AuditAction.UPDATE, obj=row, request=request, changes={"active": False, "by": "resident"}
        )
    return row


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


# --- an employer's own posting link ----------------------------------------------------
# How long a link works: long enough for a season's odd jobs, short enough
# that a forgotten one dies (the station issues a new one in a click).
EMPLOYER_LINK_DAYS = 30
# Odd jobs one link may post a day: an employer's busy day, not a flood.
EMPLOYER_LINK_POSTS_PER_DAY = 10


@transaction.atomic
def employer_gig_link_issue(
    *, actor: User, employer: Employer, days: int = EMPLOYER_LINK_DAYS, request=None
) -> EmployerGigLink:
    """Issue a registered employer's private link for posting odd jobs and text
    it to the employer's contact mobile (template gig_employer_link; the
    contact asked for it at the station, which the staff member confirms by
    issuing). The employer's earlier live link stops working."""
    require(actor, "jobs.manage_posting")
    if not Employer.objects.visible_to(actor).filter(pk=employer.pk).exists():
        raise PermissionDenied("employer")
    now = timezone.now()
    EmployerGigLink.objects.filter(employer=employer, revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now
    )
    link = EmployerGigLink.objects.create(
        employer=employer, created_by=actor, expires_at=now + dt.timedelta(days=max(1, min(days, 90)))
    )
    link.text_message = text_message_queue(
        resident=None,
        number=employer.contact_phone,
        template=text_templates.GIG_EMPLOYER_LINK,
        params={"employer": employer.name, "until": f"{timezone.localtime(link.expires_at):%m-%d}", "code": link.code},
        key=f"jobs.gig.employer_link:{link.pk}",
        asked_by_recipient=True,
    )
    link.save(update_fields=["text_message"])
    audit_record(actor=actor, action=AuditAction.CREATE, obj=link, request=request, changes={"employer": employer.pk})
    return link


@transaction.atomic
def employer_gig_link_revoke(*, actor: User, employer: Employer, request=None) -> int:
    """Stop the employer's live posting link at once. Returns how many stopped."""
    require(actor, "jobs.manage_posting")
    if not Employer.objects.visible_to(actor).filter(pk=employer.pk).exists():
        raise PermissionDenied("employer")
    now = timezone.now()
    stopped = EmployerGigLink.objects.filter(employer=employer, revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=employer, request=request, changes={"revoked": stopped})
    return stopped


@closed_months.guard(label=gettext_lazy("Post an odd job"))
@transaction.atomic
def gig_post_by_employer_link(*, code: str, data: dict, request=None) -> Gig:
    """An employer posts an odd job through its private link, without a staff
    account: in a community of the employer's street, the employer's contact
    as the poster; screened, flagged to the station and offered as every odd
    job is. A revoked or expired link, or one past its posts for the day, is refused."""
    from stations import ratelimit

    link = EmployerGigLink.objects.select_for_update().select_related("employer__community").filter(code=code).first()
    if link is None or not link.is_live():
        raise PermissionDenied("link")
    if not ratelimit.hit(f"jobs:gig-employer-link:{link.pk}", limit=EMPLOYER_LINK_POSTS_PER_DAY, window=86400):
        raise ValidationError(_("This link has posted its odd jobs for today. Call your station for more."))
    employer = link.employer
    community = data.get("community") or employer.community
    if not isinstance(community, Community) or community.street_id != employer.community.street_id:
        raise ValidationError({"community": _("Choose a community in your own street.")})
    details = {k: v for k, v in data.items() if k in GIG_DETAIL_FIELDS and k not in ("poster_name", "poster_phone")}
    gig = Gig(**details, community=community, employer=employer)
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    return _publish(gig, actor=None, request=request)
