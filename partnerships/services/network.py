"""Write operations of the partner network (T9): partners and their embedded
service points, joint employment meetings, and the commitments made there.

A commitment of posts completes by itself when the hires on its linked
postings reach the number promised: jobs calls
`commitments_check_for_placement` for every placement it makes (the listener
is registered in PartnershipsConfig.ready through `jobs.placements`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs import selectors as jobs_selectors
from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Community, RelatedSite, Role, SiteKind, User
from stations.scoping import CityWideRead, city_wide
from stations.services import NotificationItem, notifications_send_bulk
from stations.services.common import lock_visible, require, require_community_in_scope

from ..models import Commitment, CommitmentKind, CommitmentStatus, JointMeeting, Partner, PartnerKind

if TYPE_CHECKING:
    from jobs.models import Placement, Posting

# Kinds of partner that may host an embedded service point (T14).
SERVICE_POINT_KINDS = frozenset({PartnerKind.SHOP, PartnerKind.BANK, PartnerKind.PARCEL_STATION})

RULE = "partnerships.manage_network"


def neighbour_communities(*, actor: User, lead: Community | None = None):
    """Communities that may share a partner with the lead (联建): those of the
    actor's street (community staff and street officers) or of the lead's
    district (bureaus). Sharing reaches past the actor's own scope on purpose:
    a community invites its neighbours."""
    qs = city_wide(Community, read=CityWideRead.NEIGHBOUR_COMMUNITIES).select_related("street")
    if actor.role == Role.COMMUNITY_STAFF and actor.community_id:
        return qs.filter(street_id=actor.community.street_id)
    if actor.role == Role.STREET_OFFICER and actor.street_id:
        return qs.filter(street_id=actor.street_id)
    if actor.role == Role.DISTRICT_BUREAU and actor.district_id:
        return qs.filter(street__district_id=actor.district_id)
    if actor.role == Role.CITY_BUREAU:
        return qs.filter(street__district_id=lead.street.district_id) if lead is not None else qs
    return qs.none()


def _partner_in_scope(actor: User, partner: Partner, *, lock: bool) -> Partner:
    return lock_visible(Partner, actor=actor, pk=partner.pk, lock=lock, error=PermissionDenied("partner out of scope"))


def _sync_service_point(partner: Partner, *, hosts: bool) -> RelatedSite | None:
    """Create, activate or deactivate the partner's embedded service point so
    the public station finder shows exactly the active ones.

    Name and address are copied only when the point is created: from then on
    the point is a public listing that staff keep on the related site page,
    and saving the partner must not overwrite what they set there. The
    contact person's phone is never copied: it is not for publishing."""
    site = partner.service_point
    wanted = hosts and partner.is_active
    if not wanted:
        if site is not None and site.is_active:
            site.is_active = False
            site.save(update_fields=["is_active"])
        return site
    if site is not None:
        if not site.is_active:
            site.is_active = True
            site.save(update_fields=["is_active"])
        return site
    site = RelatedSite(
        kind=SiteKind.EMBEDDED_POINT,
        community=partner.community,
        name=partner.name,
        address=partner.address,
        is_active=True,
    )
    site.full_clean()
    site.save()
    partner.service_point = site
    partner.save(update_fields=["service_point"])
    return site


@closed_months.guard(label=gettext_lazy("Save a partner"))
@transaction.atomic
def partner_save(
    *,
    actor: User,
    partner: Partner,
    communities: Iterable[Community] = (),
    hosts_service_point: bool = False,
    request=None,
) -> Partner:
    """Create or edit a partner. `communities` are the neighbouring communities
    that share it; the lead community is always among those served."""
    require(actor, RULE)
    creating = partner.pk is None
    kept: list[Community] = []
    if not creating:
        stored = _partner_in_scope(actor, partner, lock=False)
        # A neighbour that shares the partner sees it, but only the lead
        # community (or an officer above it) may edit it: otherwise a
        # neighbour could make itself the lead and drop the community that
        # brought the partner in.
        require_community_in_scope(actor, stored.community)
    require_community_in_scope(actor, partner.community_id and partner.community)
    if not creating:
        # The form only offers the communities the actor may choose; the
        # ones it cannot choose stay as they are.
        kept = list(
            stored.communities.exclude(pk=partner.community_id)
            .exclude(pk__in=neighbour_communities(actor=actor, lead=partner.community).values("pk"))
            .exclude(pk__in=Community.objects.visible_to(actor).values("pk"))
        )
    errors = {}
    shared = {c.pk: c for c in communities if c.pk != partner.community_id}
    allowed = set(
        neighbour_communities(actor=actor, lead=partner.community).filter(pk__in=shared).values_list("pk", flat=True)
    )
    outside = [c.name for pk, c in shared.items() if pk not in allowed]
    if outside:
        errors["communities"] = [
            _("Share a partner only with neighbouring communities of your street or district: %(names)s.")
            % {"names": "、".join(outside)}
        ]
    if hosts_service_point and partner.kind not in SERVICE_POINT_KINDS:
        errors["hosts_service_point"] = [_("Only a shop, a bank branch or a parcel station can host a service point.")]
    if partner.employer_id and not jobs_selectors.employer_is_visible(user=actor, pk=partner.employer_id):
        errors["employer"] = [_("Choose an employer record in your own area.")]
    try:
        partner.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    # An active partner counts for its lead community from its start date.
    closed_months.touch(
        communities=[partner.community_id, None if creating else stored.community_id],
        dates=[partner.partner_since, partner.ended_on, None if creating else stored.partner_since],
    )
    partner.save()
    served = [partner.community, *shared.values(), *(c for c in kept if c.pk not in shared)]
    partner.communities.set(served)
    _sync_service_point(partner, hosts=hosts_service_point)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=partner,
        request=request,
        changes={
            "communities": sorted(c.name for c in served),
            "service_point": bool(hosts_service_point),
        },
    )
    return partner


@closed_months.guard(label=gettext_lazy("End a partnership"))
@transaction.atomic
def partner_end(*, actor: User, partner: Partner, ended_on: dt.date | None = None, request=None) -> Partner:
    """End a partnership; its service point leaves the station finder."""
    require(actor, RULE)
    partner = _partner_in_scope(actor, partner, lock=True)
    require_community_in_scope(actor, partner.community)
    ended_on = ended_on or timezone.localdate()
    if partner.ended_on is not None:
        raise ValidationError(
            {"ended_on": _("This partnership already ended on %(date)s.") % {"date": partner.ended_on}}
        )
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("The end date cannot be in the future.")})
    if ended_on < partner.partner_since:
        raise ValidationError({"ended_on": _("The end date cannot be before the start date.")})
    closed_months.touch(communities=[partner.community_id], dates=[ended_on])
    partner.ended_on = ended_on
    partner.save(update_fields=["ended_on"])
    _sync_service_point(partner, hosts=False)
    audit_record(
        actor=actor, action=AuditAction.TRANSITION, obj=partner, request=request, changes={"ended_on": ended_on}
    )
    return partner


def _check_commitment(commitment: Commitment, *, meeting: JointMeeting, present: set[int], row: int | None):
    """Errors of one commitment as {field: [messages]}, the row number in front
    when it comes from a list (the meeting page's rows)."""
    errors: dict[str, list[str]] = {}
    if commitment.partner_id and commitment.partner_id not in present:
        errors["partner"] = [_("Choose one of the partners present at the meeting.")]
    if commitment.due_on and meeting.held_on and commitment.due_on < meeting.held_on:
        errors["due_on"] = [_("The due date cannot be before the meeting.")]
    if commitment.kind != CommitmentKind.POSTS:
        commitment.posts_promised = None
    try:
        commitment.full_clean(exclude=["meeting"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if row is None or not errors:
        return errors
    prefix = _("Commitment %(n)d") % {"n": row}
    return {
        "commitments": [
            f"{prefix}: {Commitment._meta.get_field(f).verbose_name if f != '__all__' else ''} {m}".strip()
            for f, ms in errors.items()
            for m in ms
        ]
    }


@closed_months.guard(label=gettext_lazy("Record a joint meeting"))
@transaction.atomic
def meeting_record(
    *,
    actor: User,
    meeting: JointMeeting,
    partners: Iterable[Partner],
    staff: Iterable[User] = (),
    commitments: Iterable[Commitment] = (),
    request=None,
) -> JointMeeting:
    """Record a joint meeting that was held, with what partners promised there."""
    require(actor, RULE)
    require_community_in_scope(actor, meeting.community_id and meeting.community)
    partners = list(partners)
    staff = list(staff)
    commitments = list(commitments)
    errors: dict[str, list[str]] = {}
    visible = set(
        Partner.objects.visible_to(actor).filter(pk__in=[p.pk for p in partners]).values_list("pk", flat=True)
    )
    if not partners:
        errors["partners"] = [_("Name at least one partner present.")]
    elif len(visible) < len({p.pk for p in partners}):
        errors["partners"] = [_("Choose partners in your own area.")]
    elif meeting.community_id and not Partner.objects.filter(pk__in=visible, communities=meeting.community_id).exists():
        errors["partners"] = [_("At least one partner present must be a partner of this community.")]
    if any(u.community_id != meeting.community_id for u in staff):
        errors["staff"] = [_("Staff present must work in the meeting's community.")]
    meeting.recorded_by = actor
    try:
        meeting.full_clean(exclude=["recorded_by"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    present = {p.pk for p in partners}
    for n, commitment in enumerate(commitments, start=1):
        for field, messages in _check_commitment(commitment, meeting=meeting, present=present, row=n).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    # The meeting, its commitments and posts promised count in the month it was held.
    closed_months.touch(communities=[meeting.community_id], dates=[meeting.held_on])
    meeting.save()
    meeting.partners.set(partners)
    meeting.staff.set(staff)
    for commitment in commitments:
        commitment.meeting = meeting
        commitment.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=meeting,
        request=request,
        changes={"partners": [p.name for p in partners], "commitments": [c.description for c in commitments]},
    )
    return meeting


@closed_months.guard(label=gettext_lazy("Add a commitment"))
@transaction.atomic
def commitment_add(*, actor: User, meeting: JointMeeting, commitment: Commitment, request=None) -> Commitment:
    """Add a commitment to a meeting already recorded."""
    require(actor, RULE)
    meeting = JointMeeting.objects.visible_to(actor).filter(pk=meeting.pk).first()
    if meeting is None:
        raise ValidationError({"meeting": _("Choose a meeting in your own area.")})
    present = set(meeting.partners.values_list("pk", flat=True))
    errors = _check_commitment(commitment, meeting=meeting, present=present, row=None)
    if errors:
        raise ValidationError(errors)
    closed_months.touch(communities=[meeting.community_id], dates=[meeting.held_on])
    commitment.meeting = meeting
    commitment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=commitment, request=request)
    return commitment


def _locked_commitment(actor: User, commitment: Commitment) -> Commitment:
    return lock_visible(
        Commitment,
        actor=actor,
        pk=commitment.pk,
        select_related=("partner", "meeting"),
        error=PermissionDenied("commitment out of scope"),
    )


def linkable_postings(*, actor: User, commitment: Commitment):
    """Postings staff may link to a commitment: any in their scope, and those
    of the partner's employer wherever they are placed."""
    return jobs_selectors.postings_in_scope_or_of_employer(user=actor, employer_id=commitment.partner.employer_id)


@closed_months.guard(label=gettext_lazy("Link postings to a commitment"))
@transaction.atomic
def commitment_link_postings(
    *, actor: User, commitment: Commitment, postings: Iterable[Posting], request=None
) -> Commitment:
    """Link postings that keep the promise; if their hires already reach it,
    the commitment completes now."""
    require(actor, RULE)
    commitment = _locked_commitment(actor, commitment)
    postings = list(postings)
    if not postings:
        raise ValidationError({"postings": _("Choose at least one posting.")})
    allowed = set(
        linkable_postings(actor=actor, commitment=commitment)
        .filter(pk__in=[p.pk for p in postings])
        .values_list("pk", flat=True)
    )
    if len(allowed) < len({p.pk for p in postings}):
        raise ValidationError({"postings": _("Choose postings in your own area or of the partner's employer record.")})
    if commitment.status == CommitmentStatus.DROPPED:
        raise ValidationError({"postings": _("This commitment was dropped; postings can no longer be linked.")})
    commitment.postings.add(*allowed)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=commitment,
        request=request,
        changes={"postings_linked": sorted(allowed)},
    )
    commitment_check_fulfilment(commitment=commitment)
    commitment.refresh_from_db()
    return commitment


@closed_months.guard(label=gettext_lazy("Close a commitment"))
@transaction.atomic
def commitment_close(
    *,
    actor: User,
    commitment: Commitment,
    status: str,
    closed_on: dt.date | None = None,
    note: str = "",
    request=None,
) -> Commitment:
    """Close an open commitment as done or dropped, with a note (required
    for dropping: someone will ask why)."""
    require(actor, RULE)
    commitment = _locked_commitment(actor, commitment)
    today = timezone.localdate()
    closed_on = closed_on or today
    note = (note or "").strip()
    if commitment.status != CommitmentStatus.OPEN:
        raise ValidationError(
            _("This commitment is already closed (%(status)s).") % {"status": commitment.get_status_display()}
        )
    errors = {}
    if status not in (CommitmentStatus.DONE, CommitmentStatus.DROPPED):
        errors["status"] = [_("Close a commitment as done or dropped.")]
    if status == CommitmentStatus.DROPPED and not note:
        errors["note"] = [_("Say why the commitment was dropped.")]
    if closed_on > today:
        errors["closed_on"] = [_("The closing date cannot be in the future.")]
    elif closed_on < commitment.meeting.held_on:
        errors["closed_on"] = [_("The closing date cannot be before the meeting.")]
    if errors:
        raise ValidationError(errors)
    closed_months.touch(communities=[commitment.meeting.community_id], dates=[closed_on])
    previous = commitment.status
    commitment.status = status
    commitment.closed_on = closed_on
    commitment.close_note = note[:200]
    commitment.full_clean()
    commitment.save(update_fields=["status", "closed_on", "close_note"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=commitment,
        request=request,
        changes={"status": [previous, status], "closed_on": closed_on, "note": note},
    )
    return commitment


def commitment_hires(commitment: Commitment):
    """Hires on the commitment's linked postings that started on or after
    the meeting, earliest start first: a promise is kept by hiring after it
    was made, not by people already at work."""
    return jobs_selectors.placements_on_postings(
        postings=commitment.postings.all(), started_from=commitment.meeting.held_on
    )


@transaction.atomic
def commitment_check_fulfilment(*, commitment: Commitment) -> bool:
    """Mark an open posts commitment done once the hires on its linked
    postings reach the posts promised; closed on the start date of the hire
    that completed it. System work: no actor, no scope. Returns True if it
    completed now."""
    locked = Commitment.objects.select_for_update().filter(pk=commitment.pk).first()
    if (
        locked is None
        or locked.status != CommitmentStatus.OPEN
        or locked.kind != CommitmentKind.POSTS
        or not locked.posts_promised
    ):
        return False
    hires = list(commitment_hires(locked).values_list("started_on", flat=True)[: locked.posts_promised])
    if len(hires) < locked.posts_promised:
        return False
    # Done on the start date of the hire that completed it, which may lie in a closed month.
    community = JointMeeting.objects.filter(pk=locked.meeting_id).values_list("community", flat=True)
    closed_months.touch(communities=community, dates=[hires[-1]])
    locked.status = CommitmentStatus.DONE
    locked.closed_on = hires[-1]
    locked.close_note = _("Completed: %(n)d hires on the linked postings.") % {"n": locked.posts_promised}
    locked.save(update_fields=["status", "closed_on", "close_note"])
    audit_record(
        actor=None,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [CommitmentStatus.OPEN, CommitmentStatus.DONE], "closed_on": locked.closed_on},
    )
    return True


def commitments_check_for_placement(placement: Placement) -> int:
    """Re-check the open posts commitments a new hire counts towards."""
    if not placement.posting_id:
        return 0
    open_ones = Commitment.objects.filter(
        postings=placement.posting_id, status=CommitmentStatus.OPEN, kind=CommitmentKind.POSTS
    ).values_list("pk", flat=True)
    return sum(commitment_check_fulfilment(commitment=Commitment(pk=pk)) for pk in list(open_ones))


def commitments_remind_overdue(*, today: dt.date | None = None) -> int:
    """Tell the meeting's recorder, once per commitment, when an open
    commitment has passed its due date. Set-based and idempotent."""
    today = today or timezone.localdate()
    late = list(
        Commitment.objects.filter(status=CommitmentStatus.OPEN, due_on__lt=today, meeting__recorded_by__is_active=True)
        .values_list("pk", "meeting__recorded_by_id", "description", "partner__name", "due_on")
        .order_by("pk")
    )
    items = [
        NotificationItem(
            recipient_id=recipient_id,
            kind="partnerships.commitment_late",
            message=_("%(partner)s has not kept “%(what)s”, due on %(due)s: follow it up, close it or drop it.")
            % {"partner": partner, "what": description, "due": due_on.isoformat()},
            link=reverse("partnerships:commitment_detail", kwargs={"pk": pk}),
            dedupe_key=f"partnerships.commitment-late:{pk}",
        )
        for pk, recipient_id, description, partner, due_on in late
    ]
    return notifications_send_bulk(items)
