"""Write operations of the hardship ledger. Views, forms, the API and tasks
call these; each checks the role rule and scope, validates, runs in one
transaction and writes the audit trail.

Services given to a resident are never stored here: `case_service_record`
writes to the one service log through stations.services.service_record_create,
and closing a case for work changes employment status only through
stations.services.resident_employment_status_change.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance import clock
from assistance.models import (
    HOUSEHOLD_MANUAL_CLOSE_REASONS,
    AidType,
    AssistanceCase,
    CaseAssignment,
    CaseOrigin,
    CaseStatus,
    CloseReason,
    HouseholdCase,
    HouseholdCaseStatus,
    HouseholdCloseReason,
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
    Household,
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


@closed_months.guard(label=gettext_lazy("Open an assistance case"))
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


@closed_months.guard(label=gettext_lazy("Close an assistance case"))
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
    case = AssistanceCase.objects.select_for_update().select_related("resident").get(pk=case.pk)
    if not case.is_open:
        raise ValidationError(_("This case is already closed."))
    if reason not in CloseReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if reason == CloseReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Say why the case is closed.")})
    closed_on = closed_on or clock.today()
    _check_date(closed_on, "closed_on")
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("A case cannot close before it opened.")})
    found_work = reason == CloseReason.FOUND_WORK
    if found_work and employment_status not in IN_WORK_STATUSES:
        raise ValidationError({"employment_status": _("Choose the kind of work the person found.")})
    case.status = CaseStatus.EMPLOYED if found_work else CaseStatus.CLOSED
    case.closed_on = closed_on
    case.close_reason = reason
    case.close_note = note[:300]
    case.full_clean()
    case.save(update_fields=["status", "closed_on", "close_reason", "close_note", "updated_at"])
    if found_work and case.resident.employment_status not in IN_WORK_STATUSES:
        resident_employment_status_change(
            actor=actor,
            resident=case.resident,
            status=employment_status,
            changed_on=min(closed_on, dt.date.today()),
            note=_("Found work (assistance case closed)"),
            request=request,
        )
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=case,
        request=request,
        # Keys are the case's field names: the audit page shows their labels and the reason's, not codes.
        changes={
            "status": [CaseStatus.OPEN, case.status],
            "close_reason": reason,
            "closed_on": closed_on,
            "close_note": case.close_note,
        },
    )
    return case


@closed_months.guard(label=gettext_lazy("Record a service for a case"))
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


# --- zero-employment households ---------------------------------------------


@transaction.atomic
def household_case_open(*, actor: User, household: Household, assigned_to: User, request=None) -> HouseholdCase:
    """Open the case of a household the registry flags as zero-employment.
    Its clock starts on the day it was flagged, not the day it is opened."""
    require(actor, "assistance.open_case")
    _require_in_scope(actor, Household, household.pk)
    household = Household.objects.select_for_update().select_related("community").get(pk=household.pk)
    if household.zero_employment_since is None:
        raise ValidationError(_("This household is not flagged as a zero-employment household."))
    _check_assignee(assigned_to, household.community)
    if HouseholdCase.objects.filter(household=household, status=HouseholdCaseStatus.OPEN).exists():
        raise ValidationError(_("This household already has an open case."))
    case = HouseholdCase.objects.create(
        household=household,
        assigned_to=assigned_to,
        flagged_on=household.zero_employment_since,
        opened_on=clock.today(),
        opened_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=case,
        request=request,
        changes={"assigned_to": str(assigned_to), "flagged_on": case.flagged_on},
    )
    return case


@transaction.atomic
def household_case_close(
    *,
    actor: User,
    case: HouseholdCase,
    reason: str,
    note: str = "",
    closed_on: dt.date | None = None,
    request=None,
) -> HouseholdCase:
    """Close a household case by hand for a reason the registry cannot see
    (moved away, declined, other with a note). A member moving into work
    closes the case by itself (household_case_close_for_registry)."""
    from assistance.selectors import household_case_get

    require(actor, "assistance.close_case")
    case = household_case_get(user=actor, pk=case.pk)
    case = HouseholdCase.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise ValidationError(_("This case is already closed."))
    if reason not in HOUSEHOLD_MANUAL_CLOSE_REASONS:
        raise ValidationError(
            {"reason": _("Choose a reason. A case closes by itself when the resident's record shows a member in work.")}
        )
    if reason == HouseholdCloseReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Say why the case is closed.")})
    closed_on = closed_on or clock.today()
    _check_date(closed_on, "closed_on")
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("A case cannot close before it opened.")})
    return _household_case_close(case=case, reason=reason, closed_on=closed_on, note=note, actor=actor, request=request)


def _household_case_close(*, case, reason, closed_on, note, actor=None, request=None) -> HouseholdCase:
    case.status = HouseholdCaseStatus.CLOSED
    case.close_reason = reason
    case.closed_on = closed_on
    case.close_note = note[:300]
    case.full_clean()
    case.save(update_fields=["status", "close_reason", "closed_on", "close_note"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=case,
        request=request,
        changes={
            "status": [HouseholdCaseStatus.OPEN, case.status],
            "close_reason": reason,
            "closed_on": closed_on,
            "close_note": case.close_note,
        },
    )
    return case


def _registry_close_note(reason: str, member_id: int | None, on: dt.date) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if reason == HouseholdCloseReason.MEMBER_IN_WORK and member_id is not None:
            name = Resident.objects.filter(pk=member_id).values_list("name", flat=True).first() or ""
            return _("Closed by the system: %(name)s is in work since %(date)s.") % {
                "name": name,
                "date": on.isoformat(),
            }
        if reason == HouseholdCloseReason.MEMBER_IN_WORK:
            return _("Closed by the system: a member is in work.")
        return _("Closed by the system: no member of the household is of working age.")


@transaction.atomic
def household_case_close_for_registry(
    *, household_id: int, on: dt.date, reason: str, member_id: int | None = None
) -> HouseholdCase | None:
    """The registry says the household is no longer zero-employment: close
    its open case with that reason, dated the day it ended (not before the
    case opened), audited as done by the system. No open case: nothing."""
    case = (
        HouseholdCase.objects.select_for_update()
        .filter(household_id=household_id, status=HouseholdCaseStatus.OPEN)
        .order_by("pk")
        .first()
    )
    if case is None:
        return None
    if reason not in HouseholdCloseReason.values:
        raise ValueError(f"unknown household close reason {reason!r}")
    closed_on = max(on, case.opened_on)
    note = _registry_close_note(reason, member_id, on)
    return _household_case_close(case=case, reason=reason, closed_on=closed_on, note=note)


def household_case_close_on_registry_event(event) -> None:
    """Listener registered with stations.households (AssistanceConfig.ready)."""
    household_case_close_for_registry(
        household_id=event.household_id, on=event.on, reason=event.reason, member_id=event.member_id
    )


def household_cases_close_ended(*, on: dt.date) -> int:
    """Nightly, after the registry's refresh: open household cases whose
    household is no longer flagged (or flagged again since, from a later day)
    are closed with the reason the records give. Catches what no status change
    announced (records changed before this rule existed, imports). Returns how
    many closed; each in its own transaction."""
    from assistance.selectors import annotate_household

    stale = annotate_household(
        HouseholdCase.objects.filter(status=HouseholdCaseStatus.OPEN).exclude(
            household__zero_employment_since=F("flagged_on")
        )
    ).order_by("pk")
    closed = 0
    for case in stale:
        member_id = (
            Resident.objects.filter(
                household_id=case.household_id, removed_at__isnull=True, employment_status__in=IN_WORK_STATUSES
            )
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        work_started_on = getattr(case, "work_started_on", None)  # annotated above
        if work_started_on is not None or member_id is not None:
            reason, day = HouseholdCloseReason.MEMBER_IN_WORK, work_started_on or on
        else:
            reason, day = HouseholdCloseReason.NO_WORKING_AGE_MEMBER, on
        if household_case_close_for_registry(
            household_id=case.household_id, on=day, reason=reason, member_id=member_id
        ):
            closed += 1
    return closed


@closed_months.guard(label=gettext_lazy("Record a service for a household"))
def household_service_record(
    *,
    actor: User,
    case: HouseholdCase,
    member: Resident,
    kind: str = ServiceKind.FOLLOW_UP,
    served_on: dt.date | None = None,
    channel: str = ServiceChannel.PHONE,
    note: str = "",
    request=None,
) -> ServiceRecord:
    """Record a service (usually the monthly follow-up) to a household member."""
    require(actor, "assistance.record_service")
    _require_in_scope(actor, HouseholdCase, case.pk)
    if member.household_id != case.household_id:
        raise ValidationError({"member": _("Choose a member of this household.")})
    return service_record_create(
        actor=actor,
        resident=member,
        kind=kind,
        served_on=served_on or clock.today(),
        channel=channel,
        note=note,
        request=request,
    )


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
