"""Following a commitment until it is done or dropped.

Staff close it through `Commitment.workflow`. A commitment of posts also
completes by itself when the hires on its linked postings reach the number
promised: jobs calls `commitments_check_for_placement` for every placement it
makes (the listener is registered in PartnershipsConfig.ready through
`jobs.placements`).
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
from stations.models import AuditAction, User
from stations.services import NotificationItem, notifications_send_bulk
from stations.services.common import lock_visible, require

from ...models import Commitment, CommitmentKind, CommitmentStatus, JointMeeting

if TYPE_CHECKING:
    from jobs.models import Placement, Posting

RULE = "partnerships.manage_network"


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


@closed_months.guard(
    name="partnerships.services.network.commitment_link_postings", label=gettext_lazy("Link postings to a commitment")
)
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


@closed_months.guard(name="partnerships.services.network.commitment_close", label=gettext_lazy("Close a commitment"))
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
    for dropping: someone will ask why). `status` names the step."""
    require(actor, RULE)
    _locked_commitment(actor, commitment)  # out of scope is refused as forbidden, before the state is read
    if status not in Commitment.workflow.steps:
        raise ValidationError({"status": [_("Close a commitment as done or dropped.")]})
    today = timezone.localdate()
    closed_on = closed_on or today
    note = (note or "").strip()

    def check(locked) -> list[str]:
        errors = {}
        if status == CommitmentStatus.DROPPED and not note:
            errors["note"] = [_("Say why the commitment was dropped.")]
        if closed_on > today:
            errors["closed_on"] = [_("The closing date cannot be in the future.")]
        elif closed_on < locked.meeting.held_on:
            errors["closed_on"] = [_("The closing date cannot be before the meeting.")]
        if errors:
            raise ValidationError(errors)
        closed_months.touch(communities=[locked.meeting.community_id], dates=[closed_on])
        locked.closed_on = closed_on
        locked.close_note = note[:200]
        # Validated as it will be saved, closed.
        locked.status = status
        locked.full_clean()
        return ["closed_on", "close_note"]

    locked = Commitment.workflow.apply(
        queryset=Commitment.objects,
        obj=commitment,
        step=status,
        actor=actor,
        check=check,
        audit_changes={"closed_on": closed_on, "note": note},
        request=request,
    )
    return locked


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
