"""Writes of a person's 12333 case: open, reassign, close, record a service
and book an appointment reminder."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance import clock
from assistance.models import (
    AidType,
    AssistanceCase,
    CaseAssignment,
    CaseOrigin,
    CaseStatus,
    CloseReason,
)
from assistance.schedule import COUNTED_KINDS
from assistance.selectors import assignable_staff
from stations import closed_months
from stations.audit import audit_record
from stations.messaging.templates import SERVICE_APPOINTMENT
from stations.models import (
    IN_WORK_STATUSES,
    AuditAction,
    EmploymentStatus,
    Resident,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    TextMessage,
    User,
)
from stations.services import resident_employment_status_change, service_record_create
from stations.services.common import require
from stations.services.messaging import text_message_queue


def _require_in_scope(actor: User, model, pk) -> None:
    if not model.objects.visible_to(actor).filter(pk=pk).exists():
        raise PermissionDenied("out of scope")


def _check_assignee(assignee: User, community, field: str = "assigned_to") -> None:
    if assignee is None or not assignable_staff(community=community).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {field: _("Choose a staff member of the resident's community (or an officer of its street).")}
        )


def _check_date(day: dt.date, field: str) -> None:
    if day > clock.today():
        raise ValidationError({field: _("The date cannot be in the future.")})


# Named by its path before services became a package: stored corrections replay it by this name.
@closed_months.guard(label=gettext_lazy("Open an assistance case"), name="assistance.services.case_open")
@transaction.atomic
def case_open(
    *,
    actor: User,
    resident: Resident,
    assigned_to: User,
    aid_type: str = AidType.BASIC_SERVICE,
    opened_on: dt.date | None = None,
    origin: str = CaseOrigin.STAFF,
    request=None,
) -> AssistanceCase:
    """Open a case for a resident and assign it to one staff member.

    At most one open case per resident (a database constraint backs the
    check, so two clicks at once still give one case)."""
    require(actor, "assistance.open_case")
    _require_in_scope(actor, Resident, resident.pk)
    opened_on = opened_on or clock.today()
    _check_date(opened_on, "opened_on")
    # Cases open, opened, overdue and the 12333 evaluation count from the opening date.
    closed_months.touch(communities=[resident.community_id], dates=[opened_on])
    resident = Resident.objects.select_for_update().select_related("community__street").get(pk=resident.pk)
    if resident.is_removed:
        raise ValidationError(_("This resident's record has been removed; a case cannot be opened."))
    _check_assignee(assigned_to, resident.community)
    if AssistanceCase.objects.filter(resident=resident, status=CaseStatus.OPEN).exists():
        raise ValidationError(_("%(name)s already has an open case.") % {"name": resident.name})
    case = AssistanceCase(
        resident=resident,
        assigned_to=assigned_to,
        aid_type=aid_type,
        opened_on=opened_on,
        origin=origin,
        opened_by=actor,
    )
    case.full_clean()
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise ValidationError(_("%(name)s already has an open case.") % {"name": resident.name}) from None
    CaseAssignment.objects.create(case=case, assigned_to=assigned_to, assigned_by=actor, assigned_on=opened_on)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=case,
        request=request,
        changes={"aid_type": aid_type, "assigned_to": str(assigned_to), "opened_on": opened_on, "origin": origin},
    )
    return case


@transaction.atomic
def case_reassign(
    *, actor: User, case: AssistanceCase, assigned_to: User, note: str = "", request=None
) -> AssistanceCase:
    """Give an open case to another staff member; the history keeps who had it."""
    require(actor, "assistance.reassign_case")
    _require_in_scope(actor, AssistanceCase, case.pk)
    case = AssistanceCase.objects.select_for_update().select_related("resident__community__street").get(pk=case.pk)
    if not case.is_open:
        raise ValidationError(_("Only an open case can be reassigned."))
    _check_assignee(assigned_to, case.resident.community)
    if assigned_to.pk == case.assigned_to_id:
        raise ValidationError({"assigned_to": _("The case is already assigned to this staff member.")})
    old = case.assigned_to
    case.assigned_to = assigned_to
    case.save(update_fields=["assigned_to", "updated_at"])
    CaseAssignment.objects.create(
        case=case, assigned_to=assigned_to, assigned_by=actor, assigned_on=clock.today(), note=note[:200]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        request=request,
        changes={"assigned_to": [str(old), str(assigned_to)], "note": note},
    )
    return case


def audit_closing(*, actor: User | None, case, open_status: str, request=None) -> None:
    """Audit a closing that no one took as a workflow step (the registry
    closing a household's case when someone in it finds work) as a
    transition; closings by staff are audited by their workflow. Keys are the
    case's field names: the audit page shows their labels and the reason's,
    not codes."""
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=case,
        request=request,
        changes={
            "status": [open_status, case.status],
            "close_reason": case.close_reason,
            "closed_on": case.closed_on,
            "close_note": case.close_note,
        },
    )


# Named by its path before services became a package: stored corrections replay it by this name.
@closed_months.guard(label=gettext_lazy("Close an assistance case"), name="assistance.services.case_close")
@transaction.atomic
def case_close(
    *,
    actor: User,
    case: AssistanceCase,
    reason: str,
    closed_on: dt.date | None = None,
    note: str = "",
    employment_status: str = EmploymentStatus.EMPLOYED,
    request=None,
) -> AssistanceCase:
    """Close a case with a coded reason. Closing because the person found
    work sets the status to "employed" and, if the registry still shows the
    resident out of work, records the move into work in the employment
    history (through the one stations service for that)."""
    require(actor, "assistance.close_case")
    _require_in_scope(actor, AssistanceCase, case.pk)
    if closed_on is not None:
        # Closing ends the case's count as open, and evaluates it for 12333, from that date.
        community = AssistanceCase.objects.filter(pk=case.pk).values_list("resident__community", flat=True)
        closed_months.touch(communities=community, dates=[closed_on])
    found_work = reason == CloseReason.FOUND_WORK
    closing: dict = {}

    def check(locked: AssistanceCase) -> list[str]:
        if reason not in CloseReason.values:
            raise ValidationError({"reason": _("Choose a reason.")})
        if reason == CloseReason.OTHER and not note.strip():
            raise ValidationError({"note": _("Say why the case is closed.")})
        day = closed_on or clock.today()
        _check_date(day, "closed_on")
        if day < locked.opened_on:
            raise ValidationError({"closed_on": _("A case cannot close before it opened.")})
        if found_work and employment_status not in IN_WORK_STATUSES:
            raise ValidationError({"employment_status": _("Choose the kind of work the person found.")})
        locked.closed_on, locked.close_reason, locked.close_note = day, reason, note[:300]
        locked.full_clean(validate_constraints=False)
        closing.update(close_reason=reason, closed_on=day, close_note=locked.close_note)
        return ["closed_on", "close_reason", "close_note", "updated_at"]

    def record_work(locked: AssistanceCase, previous: str) -> None:
        # The move into work goes into the history once, through the one stations service for that.
        if found_work and locked.resident.employment_status not in IN_WORK_STATUSES:
            resident_employment_status_change(
                actor=actor,
                resident=locked.resident,
                status=employment_status,
                changed_on=min(closing["closed_on"], dt.date.today()),
                note=_("Found work (assistance case closed)"),
                request=request,
            )

    return AssistanceCase.workflow.apply(
        queryset=AssistanceCase.objects,
        obj=case,
        step="close_found_work" if found_work else "close",
        actor=actor,
        check=check,
        after=record_work,
        audit_changes=closing,
        request=request,
    )


# Named by its path before services became a package: stored corrections replay it by this name.
@closed_months.guard(label=gettext_lazy("Record a service for a case"), name="assistance.services.case_service_record")
def case_service_record(
    *,
    actor: User,
    case: AssistanceCase,
    kind: str,
    served_on: dt.date | None = None,
    channel: str = ServiceChannel.PHONE,
    note: str = "",
    concerns=None,
    request=None,
) -> ServiceRecord:
    """Record a service for the case's resident in the one service log."""
    require(actor, "assistance.record_service")
    _require_in_scope(actor, AssistanceCase, case.pk)
    if not case.is_open:
        raise ValidationError(_("This case is closed; record services from the resident's page."))
    served_on = served_on or clock.today()
    if served_on < case.opened_on:
        raise ValidationError({"served_on": _("The date is before the case opened.")})
    return service_record_create(
        actor=actor,
        resident=case.resident,
        kind=kind,
        served_on=served_on,
        channel=channel,
        note=note,
        concerns=concerns,
        request=request,
    )


SERVICE_KINDS_FROM_CASE = (*COUNTED_KINDS, ServiceKind.FOLLOW_UP, ServiceKind.OTHER)


# One day ahead, in the morning: the reminder goes out at this hour the day before.
APPOINTMENT_REMINDER_HOUR = 10


def case_appointment_remind(
    *, actor: User, case: AssistanceCase, at: dt.datetime, place: str, service: str
) -> TextMessage | None:
    """Book a text reminder of a 12333 appointment (a service at the station
    or a visit) for the case's resident: sent at 10:00 the day before (at
    once if that has passed), if the resident agreed to text messages. The
    message record is the schedule: staff see it, queued, on the resident's
    page, and an opt-out withholds it. Once per case and appointment time."""
    require(actor, "assistance.record_service")
    _require_in_scope(actor, AssistanceCase, case.pk)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed."))
    local = timezone.localtime(at)
    if local <= timezone.localtime():
        raise ValidationError({"at": _("Choose a time in the future.")})
    remind_at = (local - dt.timedelta(days=1)).replace(hour=APPOINTMENT_REMINDER_HOUR, minute=0, second=0)
    return text_message_queue(
        resident=case.resident,
        template=SERVICE_APPOINTMENT,
        params={"service": service, "when": f"{local.month}月{local.day}日{local:%H:%M}", "place": place},
        key=f"assistance.appointment:{case.pk}:{local.isoformat()}",
        send_after=remind_at,
    )
