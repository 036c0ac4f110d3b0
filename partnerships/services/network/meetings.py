"""Joint employment meetings (联建会议) and the commitments partners make at
them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, User
from stations.services.common import require, require_community_in_scope

from ...models import Commitment, CommitmentKind, JointMeeting, Partner

RULE = "partnerships.manage_network"


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


@closed_months.guard(name="partnerships.services.network.meeting_record", label=gettext_lazy("Record a joint meeting"))
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


@closed_months.guard(name="partnerships.services.network.commitment_add", label=gettext_lazy("Add a commitment"))
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
