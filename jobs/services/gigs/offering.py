"""Who is offered an odd job, and the messages that tell people about it: a
text to a resident through the approved-template gateway, a to-do to the
community's staff."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jobs.geo import haversine_km
from jobs.models import Gig, GigAvailability, GigOffer
from stations.messaging import templates as text_templates
from stations.models import Role, User
from stations.services.messaging import text_message_queue
from stations.services.notifications import notification_send


def tell_station(gig: Gig, *, kind: str, message: str, key: str) -> None:
    """A to-do for every community staff account of the job's community."""
    link = reverse("jobs:gig_detail", args=[gig.pk])
    for user in User.objects.filter(role=Role.COMMUNITY_STAFF, community_id=gig.community_id, is_active=True):
        notification_send(recipient=user, kind=kind, message=message, link=link, dedupe_key=f"{key}:{user.pk}")


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
        # Without coordinates for the resident's or the gig's community, the
        # same community counts as "nearby" and nothing else does.
        if home.pk != gig.community_id:
            if gig.latitude is None or home.latitude is None or home.longitude is None:
                continue
            distance = haversine_km(float(home.latitude), float(home.longitude), gig.latitude, gig.longitude or 0.0)
            if distance > row.max_km:
                continue
        out.append(row)
    return out


def gig_when(gig: Gig) -> str:
    """The job's day and hours as a message parameter ("12-07 14:00-17:00", 17 characters)."""
    return f"{gig.date:%m-%d} {gig.start_time:%H:%M}-{gig.end_time:%H:%M}"


def gig_starts_at(gig: Gig) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(gig.date, gig.start_time))


def text_offer(offer: GigOffer, *, template: str, params: dict, kind: str) -> None:
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
        text_offer(
            offer,
            template=text_templates.GIG_OFFER,
            params={"when": gig_when(gig), "title": gig.title, "pay": gig.pay_text, "code": offer.token},
            kind="offer",
        )
        offers.append(offer)
    return offers
