"""Households and the zero-employment household (零就业家庭) derived from
their members."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations import households
from stations.audit import audit_record
from stations.models import (
    IN_WORK_STATUSES,
    AuditAction,
    Household,
    Resident,
    Role,
    User,
)
from stations.policy import policy_value
from stations.services.common import require
from stations.services.residents.common import (
    RETIREMENT_AGE_FEMALE,
    RETIREMENT_AGE_MALE,
    WORKING_AGE_FROM,
    require_resident_in_scope,
)


# --- households ---------------------------------------------------------------------
def _working_age(resident: Resident, on: dt.date) -> bool:
    key = RETIREMENT_AGE_FEMALE if resident.sex == "F" else RETIREMENT_AGE_MALE
    return WORKING_AGE_FROM <= resident.age_on(on) < int(policy_value(key, on=on))


def household_zero_employment_refresh(*, household: Household, on: dt.date) -> bool:
    """Derive the zero-employment household (零就业家庭) and keep it stored.

    It is one when at least one active member is of working age (16 up to the
    retirement age, a policy parameter) and no working-age member is in work.
    The day a household becomes one, `zero_employment_since` is set and the
    community's staff are notified; it is cleared when someone works.
    Returns whether the household is zero-employment now.
    """
    household = Household.objects.select_for_update().get(pk=household.pk)
    members = list(Resident.objects.filter(household=household, removed_at__isnull=True))
    working_age = [m for m in members if _working_age(m, on)]
    zero = bool(working_age) and not any(m.employment_status in IN_WORK_STATUSES for m in working_age)
    if zero and household.zero_employment_since is None:
        household.zero_employment_since = on
        household.save(update_fields=["zero_employment_since"])
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=household,
            changes={"zero_employment_since": [None, on]},
        )
        _notify_zero_employment(household, on, working_age)
    elif not zero and household.zero_employment_since is not None:
        old = household.zero_employment_since
        household.zero_employment_since = None
        household.save(update_fields=["zero_employment_since"])
        audit_record(
            actor=None, action=AuditAction.UPDATE, obj=household, changes={"zero_employment_since": [old, None]}
        )
        in_work = [m for m in working_age if m.employment_status in IN_WORK_STATUSES]
        households.zero_employment_ended(
            households.ZeroEmploymentEnded(
                household_id=household.pk,
                on=on,
                reason=households.ENDED_MEMBER_IN_WORK if in_work else households.ENDED_NO_WORKING_AGE_MEMBER,
                member_id=in_work[0].pk if in_work else None,
            )
        )
    return zero


def _notify_zero_employment(household: Household, on: dt.date, members: list[Resident]) -> None:
    from django.urls import reverse

    names = "、".join(m.name for m in members[:5])
    message = _("Zero-employment household in %(community)s since %(date)s: %(names)s") % {
        "community": household.community.name,
        "date": on.isoformat(),
        "names": names,
    }
    link = reverse("stations:resident_detail", kwargs={"pk": members[0].pk})
    recipients = User.objects.filter(role=Role.COMMUNITY_STAFF, community=household.community, is_active=True)
    from stations.services.notifications import notification_send  # the services package imports this module

    for user in recipients:
        key = f"zero-employment:{household.pk}:{on.isoformat()}:{user.pk}"
        notification_send(recipient=user, kind="zero_employment_household", message=message, link=link, dedupe_key=key)


def _household_set(*, actor: User, resident: Resident, household: Household | None, request) -> None:
    """Move `resident` into `household` (None: out of any), with the audit entry."""
    old_pk = resident.household_id
    resident.household = household
    resident.save(update_fields=["household", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=resident,
        request=request,
        changes={"household": [old_pk, household.pk if household else None]},
    )


@transaction.atomic
def household_create(*, actor: User, resident: Resident, request=None) -> Household:
    """Start a household with `resident` as its first member."""
    require(actor, "stations.manage_resident")
    require_resident_in_scope(actor, resident)
    if resident.household_id:
        raise ValidationError(_("This person already belongs to a household."))
    household = Household(community=resident.community, address=resident.address)
    household.full_clean()
    household.save()
    _household_set(actor=actor, resident=resident, household=household, request=request)
    household_zero_employment_refresh(household=household, on=timezone.localdate())
    return household


@transaction.atomic
def resident_household_join(*, actor: User, resident: Resident, member: Resident, request=None) -> Household:
    """Put `resident` in the household of `member` (same community), starting
    one for `member` if they have none."""
    require(actor, "stations.manage_resident")
    require_resident_in_scope(actor, resident)
    require_resident_in_scope(actor, member)
    if member.pk == resident.pk:
        raise ValidationError({"member": _("Choose another member of the household.")})
    if member.community_id != resident.community_id:
        raise ValidationError({"member": _("Members of one household are registered in the same community.")})
    if member.is_removed or resident.is_removed:
        raise ValidationError({"member": _("A removed record cannot join a household.")})
    household = member.household or household_create(actor=actor, resident=member, request=request)
    old = resident.household
    if old is not None and old.pk == household.pk:
        raise ValidationError({"member": _("They already live in the same household.")})
    _household_set(actor=actor, resident=resident, household=household, request=request)
    today = timezone.localdate()
    household_zero_employment_refresh(household=household, on=today)
    if old is not None:
        household_zero_employment_refresh(household=old, on=today)
    return household


@transaction.atomic
def resident_household_leave(*, actor: User, resident: Resident, request=None) -> None:
    require(actor, "stations.manage_resident")
    require_resident_in_scope(actor, resident)
    old = resident.household
    if old is None:
        return
    _household_set(actor=actor, resident=resident, household=None, request=request)
    household_zero_employment_refresh(household=old, on=timezone.localdate())


def household_zero_employment_refresh_all(*, on: dt.date) -> int:
    """Nightly: members age into and out of working age without any record
    changing, so every household is derived again. Each household is its own
    transaction (a failure leaves the others done); then the apps that keep
    records of such households catch up (stations.households.nightly).
    Returns how many are zero-employment now."""
    zero = 0
    for pk in (
        Household.objects.filter(members__removed_at__isnull=True).values_list("pk", flat=True).distinct().iterator()
    ):
        with transaction.atomic():
            zero += household_zero_employment_refresh(household=Household(pk=pk), on=on)
    with transaction.atomic():
        households.nightly(on=on)
    return zero
