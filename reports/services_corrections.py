"""Corrections to closed months.

Where closes are kept (the backend of stations.closed_months), and the
correction requests: a staff member refused a change to a closed month sends
it, with a reason, to the street officer; approved, the very change is made
as the staff member asked it, and each closed month it alters moves by exactly
what it changed (the close's kept figures get the difference), so the month's
workbook reads as the records do, with the correction on its own sheet.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Community, Role, User
from stations.permissions import user_can

from .assemble import STATIONS_AT_CLOSE
from .models import CorrectionRequest, CorrectionStatus, PeriodClose


# --- the backend of stations.closed_months ---------------------------------------------
def closed_months_of(community_ids: set[int], since: dt.date, *, lock: bool = True) -> list[tuple[int, dt.date]]:
    """The closed months of these communities that end on or after `since`.

    With `lock`, the communities' rows are locked first, as
    period_close_submit locks its community before it measures: a write dated
    in a month being closed either finishes before the close measures, or
    waits and is then refused."""
    if lock and transaction.get_connection().in_atomic_block:
        list(Community.objects.select_for_update().filter(pk__in=community_ids).order_by("pk").values_list("pk"))
    return list(
        PeriodClose.objects.filter(
            community__in=community_ids, month__gte=max(since, dt.date(1900, 1, 1)).replace(day=1)
        )
        .order_by("month", "community_id")
        .values_list("community_id", "month")
    )


def correction_url(token: str) -> str:
    from urllib.parse import urlencode

    return reverse("reports:correction_new") + "?" + urlencode({"t": token})


def register_backend() -> None:
    closed_months.register_backend(closed_months.Backend(closed_months=closed_months_of, correction_url=correction_url))


# --- requests -------------------------------------------------------------------------
def _changes(rows: list[dict]) -> list[closed_months.MonthChange]:
    return [closed_months.MonthChange.from_json(row) for row in rows]


def operation_label(name: str) -> str:
    op = closed_months.operation(name)
    return str(op.label) if op is not None else _("A change")


def _notify(recipients, *, correction: CorrectionRequest, kind: str, message: str) -> None:
    from stations.services import NotificationItem, notifications_send_bulk

    link = reverse("reports:correction_detail", kwargs={"pk": correction.pk})
    notifications_send_bulk(
        [
            NotificationItem(
                recipient_id=user_id,
                kind=kind,
                message=message,
                link=link,
                dedupe_key=f"{kind}:{correction.pk}:{user_id}",
            )
            for user_id in recipients
        ]
    )


@transaction.atomic
def correction_request_create(*, actor: User, token: str, reason: str, request=None) -> CorrectionRequest:
    """Send a refused change for approval. The change is tried again as a dry
    run (always rolled back): if it cannot be made, its own message says why;
    if it no longer alters a closed month, the user is told to make it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the closed month needs this change.")})
    data = closed_months.read_correction_token(token, actor=actor)
    measured = closed_months.replay(data["call"], actor=actor, apply=False)
    changes = [c for c in (change.dated() for change in measured) if c.figures]
    if not changes:
        raise ValidationError(_("This change no longer alters a closed month: make it directly."))
    call = data["call"]
    if CorrectionRequest.objects.filter(
        requested_by=actor, status=CorrectionStatus.PENDING, operation=call["op"], arguments=call["kwargs"]
    ).exists():
        raise ValidationError(_("You have already sent this change; it is waiting for the street."))
    first = changes[0]
    correction = CorrectionRequest(
        community_id=first.community_id,
        month=first.month,
        operation=call["op"],
        arguments=call["kwargs"],
        reason=reason[:500],
        expected_changes=[c.as_json() for c in changes],
        requested_by=actor,
    )
    correction.full_clean()
    correction.save()
    transaction.on_commit(lambda: closed_months.forget_correction_token(token))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=correction,
        request=request,
        changes={"change": operation_label(call["op"]), "month": first.label, "reason": correction.reason},
    )
    officers = User.objects.filter(
        role=Role.STREET_OFFICER, street_id=correction.community.street_id, is_active=True
    ).values_list("pk", flat=True)
    _notify(
        officers,
        correction=correction,
        kind="correction_requested",
        message=_("%(community)s asks to correct closed month %(month)s: %(change)s.")
        % {"community": first.community_name, "month": first.label, "change": operation_label(call["op"])},
    )
    return correction


def _in_scope(actor: User, correction: CorrectionRequest) -> None:
    """A request outside the actor's area is refused as forbidden, as the page
    answers it, not as a workflow's stale step."""
    if not CorrectionRequest.objects.visible_to(actor).filter(pk=correction.pk).exists():
        raise PermissionDenied("correction request out of scope")


def _refuse_own(actor: User, locked: CorrectionRequest) -> None:
    if locked.requested_by_id == actor.pk:
        raise ValidationError(_("Another officer must decide a correction you asked for."))


def _decide(
    *, actor: User, correction: CorrectionRequest, step: str, check, after=None, audit_changes=None, request=None
) -> CorrectionRequest:
    _in_scope(actor, correction)
    return CorrectionRequest.workflow.apply(
        queryset=CorrectionRequest.objects.select_related("requested_by", "community"),
        obj=correction,
        step=step,
        actor=actor,
        check=check,
        after=after,
        audit_changes=audit_changes,
        request=request,
    )


def _apply_to_closes(changes: list[closed_months.MonthChange]) -> None:
    """Each closed month moves by what the change did to it."""
    for change in changes:
        close = (
            PeriodClose.objects.select_for_update().filter(community=change.community_id, month=change.month).first()
        )
        if close is None:  # not closed after all: its figures are live
            continue
        figures = dict(close.figures)
        for key, (before, after) in change.figures.items():
            if key == STATIONS_AT_CLOSE:
                continue
            figures[key] = float(figures.get(key, 0) or 0) + (after - before)
        close.figures = figures
        close.save(update_fields=["figures"])


@transaction.atomic
def correction_request_approve(*, actor: User, correction: CorrectionRequest, request=None) -> CorrectionRequest:
    """The street officer approves: the change is made as the requester asked
    it (their rights and scope apply), and the closed months it alters take
    the difference. If it can no longer be made, nothing changes and the
    message says why."""
    audit_changes: dict = {}

    def check(locked: CorrectionRequest) -> list[str]:
        # The replay runs under the request's lock, in the transaction that
        # marks it applied: a refused replay leaves the request waiting.
        _refuse_own(actor, locked)
        changes = _replay(actor, locked)
        _apply_to_closes(changes)
        locked.applied_changes = [c.as_json() for c in changes]
        locked.decided_by = actor
        audit_changes["figures"] = {c.label: closed_months.describe_figures(c.figures) for c in changes}
        return ["applied_changes", "decided_by"]

    def after(locked: CorrectionRequest, previous: str) -> None:
        _notify(
            [locked.requested_by_id],
            correction=locked,
            kind="correction_decided",
            message=_("Your correction of %(month)s was approved and applied: %(change)s.")
            % {"month": f"{locked.month:%Y-%m}", "change": operation_label(locked.operation)},
        )

    return _decide(
        actor=actor,
        correction=correction,
        step="approve",
        check=check,
        after=after,
        audit_changes=audit_changes,
        request=request,
    )


def _replay(actor: User, locked: CorrectionRequest) -> list[closed_months.MonthChange]:
    try:
        changes = closed_months.replay(
            {"op": locked.operation, "kwargs": locked.arguments}, actor=locked.requested_by, apply=True
        )
    except PermissionDenied:
        raise ValidationError(
            _("%(name)s may no longer make this change (the account changed or was deactivated): reject the request.")
            % {"name": locked.requested_by.display_name}
        ) from None
    except ValidationError as exc:
        raise ValidationError(
            [_("The change can no longer be made as it was asked:"), *exc.messages], code="replay"
        ) from None
    visible = set(Community.objects.visible_to(actor).values_list("pk", flat=True))
    outside = sorted({c.community_name for c in changes if c.community_id not in visible})
    if outside:
        raise ValidationError(
            _("This change also alters closed months of %(names)s, outside your street: the district decides it.")
            % {"names": "、".join(outside)}
        )
    return changes


@transaction.atomic
def correction_request_reject(
    *, actor: User, correction: CorrectionRequest, note: str, request=None
) -> CorrectionRequest:
    if not user_can(actor, "reports.decide_correction"):
        raise PermissionDenied("reports.decide_correction")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the correction is rejected.")})

    def check(locked: CorrectionRequest) -> list[str]:
        _refuse_own(actor, locked)
        locked.decided_by = actor
        locked.decision_note = note[:300]
        return ["decided_by", "decision_note"]

    def after(locked: CorrectionRequest, previous: str) -> None:
        _notify(
            [locked.requested_by_id],
            correction=locked,
            kind="correction_decided",
            message=_("Your correction of %(month)s was rejected: %(note)s")
            % {"month": f"{locked.month:%Y-%m}", "note": locked.decision_note},
        )

    return _decide(
        actor=actor,
        correction=correction,
        step="reject",
        check=check,
        after=after,
        audit_changes={"note": note},
        request=request,
    )


@transaction.atomic
def correction_request_withdraw(*, actor: User, correction: CorrectionRequest, request=None) -> CorrectionRequest:
    def check(locked: CorrectionRequest) -> None:
        if locked.requested_by_id != actor.pk:
            raise PermissionDenied("only the requester withdraws")

    return _decide(actor=actor, correction=correction, step="withdraw", check=check, request=request)
