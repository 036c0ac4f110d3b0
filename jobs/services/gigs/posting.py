"""Posting an odd job, by the station, a household or an employer's link, and
cancelling or closing it. Every poster's job takes one path (`_publish`):
screened, saved, audited and offered nearby."""

from __future__ import annotations

import datetime as dt
import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Employer, EmployerGigLink, Gig, GigOffer, GigPayUnit, GigRisk, OfferState
from jobs.models.gigs import GIG_WORKFLOW
from jobs.screening import Flag, minimum_wages, screen_posting
from stations import closed_months
from stations.audit import audit_record
from stations.messaging import templates as text_templates
from stations.models import AuditAction, Community, Resident, User
from stations.services.common import require, require_community_in_scope
from stations.services.messaging import text_message_queue

from .offering import gig_offer_nearby, gig_when, tell_station, text_offer

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
        tell_station(
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


@closed_months.guard(label=gettext_lazy("Post an odd job"), name="jobs.services.gigs.gig_post")
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


@closed_months.guard(label=gettext_lazy("Post an odd job"), name="jobs.services.gigs.gig_post_for_household")
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


@closed_months.guard(label=gettext_lazy("Cancel or close an odd job"), name="jobs.services.gigs.gig_step")
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
            text_offer(
                offer,
                template=text_templates.GIG_CANCELLED,
                params={"title": locked.title, "when": gig_when(locked)},
                kind="cancelled",
            )

    GIG_WORKFLOW.apply(queryset=Gig.objects, obj=gig, step=step, actor=actor, after=after, request=request)
    return gig  # apply refreshes `gig` from the database


# Odd jobs one link may post a day: an employer's busy day, not a flood.
EMPLOYER_LINK_POSTS_PER_DAY = 10


@closed_months.guard(label=gettext_lazy("Post an odd job"), name="jobs.services.gigs.gig_post_by_employer_link")
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
