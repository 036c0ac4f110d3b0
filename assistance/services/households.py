"""Writes of a zero-employment household's case: open, close (by staff, by
the registry, at the deadline) and record a service."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance import clock
from assistance.models import (
    HOUSEHOLD_MANUAL_CLOSE_REASONS,
    HouseholdCase,
    HouseholdCaseStatus,
    HouseholdCloseReason,
)
from assistance.services.cases import _check_assignee, _check_date, _require_in_scope, audit_closing
from stations import closed_months
from stations.audit import audit_record
from stations.models import (
    IN_WORK_STATUSES,
    AuditAction,
    Household,
    Resident,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    User,
)
from stations.services import service_record_create
from stations.services.common import require


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
    closing: dict = {}

    def check(locked: HouseholdCase) -> list[str]:
        if reason not in HOUSEHOLD_MANUAL_CLOSE_REASONS:
            raise ValidationError(
                {
                    "reason": _(
                        "Choose a reason. A case closes by itself when the resident's record shows a member in work."
                    )
                }
            )
        if reason == HouseholdCloseReason.OTHER and not note.strip():
            raise ValidationError({"note": _("Say why the case is closed.")})
        day = closed_on or clock.today()
        _check_date(day, "closed_on")
        if day < locked.opened_on:
            raise ValidationError({"closed_on": _("A case cannot close before it opened.")})
        locked.close_reason, locked.closed_on, locked.close_note = reason, day, note[:300]
        locked.full_clean(validate_constraints=False)
        closing.update(close_reason=reason, closed_on=day, close_note=locked.close_note)
        return ["close_reason", "closed_on", "close_note"]

    return HouseholdCase.workflow.apply(
        queryset=HouseholdCase.objects,
        obj=case,
        step="close",
        actor=actor,
        check=check,
        audit_changes=closing,
        request=request,
    )


def _household_case_close(*, case, reason, closed_on, note) -> HouseholdCase:
    """The registry's closing: done by the system, outside anyone's scope, so
    not a workflow step a person takes (household_case_close is)."""
    case.status = HouseholdCaseStatus.CLOSED
    case.close_reason = reason
    case.closed_on = closed_on
    case.close_note = note[:300]
    case.full_clean()
    case.save(update_fields=["status", "close_reason", "closed_on", "close_note"])
    audit_closing(actor=None, case=case, open_status=HouseholdCaseStatus.OPEN)
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


# Named by its path before services became a package: stored corrections replay it by this name.
@closed_months.guard(
    label=gettext_lazy("Record a service for a household"), name="assistance.services.household_service_record"
)
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
