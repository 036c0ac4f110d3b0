"""Operations on resident records (居民登记).

Other capabilities call two of them: the service log (`service_record_create`)
and employment status changes (`resident_employment_status_change`): a hire in
jobs, a placement on a labour project, a training outcome all go through here.
The registry itself registers, updates, removes and transfers records, links
households and derives the zero-employment household (零就业家庭).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months, households
from stations.audit import audit_record
from stations.models import (
    IN_WORK_STATUSES,
    AuditAction,
    Community,
    EmploymentStatus,
    EmploymentStatusChange,
    Household,
    Notification,
    RemovalReason,
    Resident,
    ResidentTransferRequest,
    Role,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    TargetGroup,
    TransferStatus,
    UnemploymentRegistration,
    User,
)
from stations.policy import declare, policy_value
from stations.scoping import CityWideRead, city_wide
from stations.services.common import require, require_community_in_scope
from stations.validators import mask_mobile, mask_resident_id, normalize_mobile, normalize_resident_id

RETIREMENT_AGE_MALE = "residents.retirement_age_male"
RETIREMENT_AGE_FEMALE = "residents.retirement_age_female"
WORKING_AGE_FROM = 16

declare(
    RETIREMENT_AGE_MALE,
    default=60,
    label=gettext_lazy("Retirement age, men (working age ends)"),
    help_text=gettext_lazy("Working age runs from 16 up to this age; used for the zero-employment household."),
    unit=gettext_lazy("years"),
)
declare(
    RETIREMENT_AGE_FEMALE,
    default=50,
    label=gettext_lazy("Retirement age, women (working age ends)"),
    help_text=gettext_lazy("Working age runs from 16 up to this age; used for the zero-employment household."),
    unit=gettext_lazy("years"),
)

# Fields a registry form or an import row may set; the same names as the model.
RESIDENT_DATA_FIELDS = (
    "name",
    "id_number",
    "mobile",
    "registered_on",
    "address",
    "education",
    "is_graduate",
    "graduation_school",
    "graduation_date",
    "skill_level",
    "skills",
    "wants_training",
    "wanted_course_types",
    "wanted_occupation",
    "wanted_job_categories",
    "wanted_work_pattern",
    "salary_expectation",
)
# Personal identifiers are written to the audit trail masked: the trail says
# that they changed without becoming a second copy of them.
MASKED_IN_AUDIT = {"id_number": mask_resident_id, "mobile": mask_mobile}


def _require_resident_in_scope(actor: User, resident: Resident) -> None:
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident out of scope")


@closed_months.guard(label=gettext_lazy("Record a service"))
@transaction.atomic
def service_record_create(
    *,
    actor: User,
    resident: Resident,
    kind: ServiceKind | str,
    served_on: dt.date,
    channel: ServiceChannel | str,
    note: str = "",
    concerns=None,
    request=None,
) -> ServiceRecord:
    """Write one entry to the service log: the only way any capability records
    a service given to a resident (the 12333 ledger counts these rows)."""
    require(actor, "stations.record_service")
    _require_resident_in_scope(actor, resident)
    if resident.is_removed:
        raise ValidationError(_("This resident's record has been removed; services cannot be added."))
    closed_months.touch(communities=[resident.community_id], dates=[served_on])
    record = ServiceRecord(
        resident=resident,
        kind=kind,
        served_on=served_on,
        staff=actor,
        channel=channel,
        note=note,
    )
    if concerns is not None:
        record.concerns_type = ContentType.objects.get_for_model(concerns)
        record.concerns_id = concerns.pk
        record.concerns_label = str(concerns)[:200]
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=record,
        request=request,
        changes={"kind": kind, "served_on": served_on},
    )
    return record


@closed_months.guard(label=gettext_lazy("Change the employment status"))
@transaction.atomic
def resident_employment_status_change(
    *,
    actor: User,
    resident: Resident,
    status: EmploymentStatus | str,
    changed_on: dt.date,
    note: str = "",
    registration_number: str = "",
    request=None,
) -> EmploymentStatusChange:
    """Change a resident's employment status and keep the dated history.

    Becoming registered unemployed opens an unemployment registration (失业登记)
    with its date and number; moving into work ends the open one.
    """
    require(actor, "stations.manage_resident")
    _require_resident_in_scope(actor, resident)
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("The date cannot be in the future.")})
    # The history, the registration opened or ended, and the trainees' outcomes
    # all count from this date.
    closed_months.touch(communities=[resident.community_id], dates=[changed_on])
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    old_status = resident.employment_status
    change = EmploymentStatusChange.objects.create(
        resident=resident, status=status, changed_on=changed_on, recorded_by=actor, note=note[:200]
    )
    open_registration = UnemploymentRegistration.objects.filter(resident=resident, ended_on__isnull=True).first()
    if status == EmploymentStatus.UNEMPLOYED and open_registration is None:
        UnemploymentRegistration.objects.create(resident=resident, number=registration_number, registered_on=changed_on)
    elif status != EmploymentStatus.UNEMPLOYED and open_registration is not None:
        if changed_on < open_registration.registered_on:
            raise ValidationError(
                {
                    "changed_on": _("The date is before the unemployment registration of %(date)s.")
                    % {"date": open_registration.registered_on}
                }
            )
        open_registration.ended_on = changed_on
        open_registration.end_reason = _("Found work") if status in IN_WORK_STATUSES else _("Left the labour force")
        open_registration.save(update_fields=["ended_on", "end_reason"])
    resident.employment_status = status
    resident.four_clears_score = sum(resident.four_clears().values())
    resident.save(update_fields=["employment_status", "four_clears_score", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=resident,
        request=request,
        changes={"employment_status": [old_status, status], "changed_on": changed_on},
    )
    if resident.household_id:
        household_zero_employment_refresh(household=resident.household, on=changed_on)
    return change


# --- the registry -------------------------------------------------------------------
def _duplicate_error(id_number: str, exclude_pk: int | None = None) -> ValidationError | None:
    from stations.selectors import resident_duplicate_check

    found = resident_duplicate_check(id_number, exclude_pk=exclude_pk)
    if found is None:
        return None
    if found.removed:
        message = _(
            "This ID number belongs to a removed record in %(community)s. Ask %(community)s to transfer it "
            "to you instead of registering the person again."
        )
    else:
        message = _(
            "This person is already registered in %(community)s. Request a transfer from %(community)s "
            "instead of registering them twice."
        )
    return ValidationError(
        {"id_number": ValidationError(message, code="duplicate", params={"community": found.community_name})}
    )


def _full_clean(resident: Resident) -> None:
    """Model validation with the identifiers normalised first, so '+86 139…'
    or a lowercase x get the precise message, not a length error."""
    errors: dict[str, list] = {}
    for name, normalize in (("id_number", normalize_resident_id), ("mobile", normalize_mobile)):
        value = getattr(resident, name)
        if value:
            try:
                setattr(resident, name, normalize(value))
            except ValidationError as exc:
                errors[name] = exc.error_list
    try:
        # Uniqueness (the ID number, city-wide) is the caller's check, with a
        # message naming the community that holds the person.
        resident.full_clean(exclude=["birth_date", "sex", *errors], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.error_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _group_codes(resident: Resident) -> list[str]:
    return sorted(resident.target_groups.values_list("code", flat=True))


def _target_groups(value) -> list[TargetGroup]:
    """Target groups given as rows or codes; unknown codes are an error."""
    if value is None:
        return []
    rows, codes = [], []
    for item in value:
        (rows if isinstance(item, TargetGroup) else codes).append(item)
    if codes:
        found = {g.code: g for g in TargetGroup.objects.filter(code__in=codes)}
        unknown = sorted(set(codes) - set(found))
        if unknown:
            raise ValidationError(
                {"target_groups": _("Unknown target group: %(codes)s") % {"codes": ", ".join(unknown)}}
            )
        rows.extend(found[c] for c in codes)
    return rows


def _check_groups_fit(resident: Resident, codes) -> None:
    """Recorded groups must fit the person the ID number describes
    (stations.target_group_rules), as must a college graduation date."""
    from stations.target_group_rules import graduation_problem, target_group_problems

    errors = {}
    problems = target_group_problems(
        codes,
        sex=resident.sex,
        birth_date=resident.birth_date,
        on=timezone.localdate(),
        is_graduate=bool(resident.is_graduate),
    )
    if problems:
        errors["target_groups"] = problems
    graduation = graduation_problem(birth_date=resident.birth_date, graduation_date=resident.graduation_date)
    if graduation and resident.is_graduate:
        errors["graduation_date"] = [graduation]
    if errors:
        raise ValidationError(errors)


def _audit_value(name: str, value):
    masker = MASKED_IN_AUDIT.get(name)
    return masker(value) if masker and value else value


def resident_shared_id_refresh(*, id_number: str) -> None:
    """Clear the shared-ID flag of the record left alone with `id_number`
    (its pair was merged, undone or corrected): the unique constraint covers
    it again."""
    live = Resident.objects.filter(id_number=id_number)
    if live.count() <= 1:
        live.filter(shares_id_number=True).update(shares_id_number=False)


@closed_months.guard(label=gettext_lazy("Register a resident"))
@transaction.atomic
def resident_register(*, actor: User, community: Community, data: dict, request=None) -> Resident:
    """Register a person in `community` (which must be in the actor's scope).

    `data` holds RESIDENT_DATA_FIELDS values (a ResidentForm's cleaned_data
    fits), plus optionally `target_groups` (rows or codes), `employment_status`
    with `status_since` (default today) and `registration_number`, and
    `household`. The ID number is unique city-wide: a person registered
    elsewhere gives a ValidationError naming only the holding community.
    """
    require(actor, "stations.manage_resident")
    require_community_in_scope(actor, community)
    resident = Resident(community=community, **{k: data[k] for k in RESIDENT_DATA_FIELDS if k in data})
    for name in ("name", "address", "skills", "graduation_school", "mobile", "id_number"):
        setattr(resident, name, (getattr(resident, name) or "").strip())
    if resident.registered_on is None:
        resident.registered_on = timezone.localdate()
    groups = _target_groups(data.get("target_groups"))
    household = data.get("household")
    if household is not None:
        if household.community_id != community.pk:
            raise ValidationError({"household": _("A household belongs to one community.")})
        resident.household = household
    _full_clean(resident)
    duplicate = _duplicate_error(resident.id_number)
    if duplicate is not None:
        raise duplicate
    status_since = (data.get("status_since") or timezone.localdate()) if data.get("employment_status") else None
    closed_months.touch(communities=[community], dates=[resident.registered_on, status_since])
    resident.derive()
    _check_groups_fit(resident, [g.code for g in groups])
    resident.save()
    if groups:
        resident.target_groups.set(groups)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=resident,
        request=request,
        changes={
            "community": community.name,
            "target_groups": sorted(g.code for g in groups),
            **{k: _audit_value(k, getattr(resident, k)) for k in ("id_number", "mobile")},
        },
    )
    status = data.get("employment_status")
    if status:
        resident_employment_status_change(
            actor=actor,
            resident=resident,
            status=status,
            changed_on=data.get("status_since") or timezone.localdate(),
            note=_("Status when registered"),
            registration_number=data.get("registration_number") or "",
            request=request,
        )
        resident.refresh_from_db()
    elif resident.household_id:
        household_zero_employment_refresh(household=resident.household, on=timezone.localdate())
    return resident


@closed_months.guard(label=gettext_lazy("Change a resident's record"))
@transaction.atomic
def resident_update(*, actor: User, resident: Resident, data: dict, request=None) -> Resident:
    """Change a record; every changed field is audited old → new (ID number and
    phone masked), target groups as code lists. A new `employment_status` goes
    through resident_employment_status_change (dated `status_since` or today),
    so the history stays complete."""
    require(actor, "stations.manage_resident")
    _require_resident_in_scope(actor, resident)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.is_removed:
        raise ValidationError(_("This resident's record has been removed; it cannot be changed."))
    before = {name: getattr(resident, name) for name in RESIDENT_DATA_FIELDS}
    groups_before = _group_codes(resident)
    for name in RESIDENT_DATA_FIELDS:
        if name in data:
            value = data[name]
            if value is None and name == "registered_on":
                continue  # kept: a record always has its registration date
            setattr(resident, name, value.strip() if isinstance(value, str) else value)
    _full_clean(resident)
    if resident.id_number != before["id_number"]:
        duplicate = _duplicate_error(resident.id_number, exclude_pk=resident.pk)
        if duplicate is not None:
            raise duplicate
        # The new number is this record's alone (just checked).
        resident.shares_id_number = False
    # The registration date and the ID number (birth date, sex: older workers)
    # feed dated figures from the registration on; a new status from its date.
    dates = []
    if resident.registered_on != before["registered_on"] or resident.id_number != before["id_number"]:
        dates += [before["registered_on"], resident.registered_on]
    new_status = data.get("employment_status")
    if new_status and new_status != resident.employment_status:
        dates.append(data.get("status_since") or timezone.localdate())
    closed_months.touch(communities=[resident.community_id], dates=dates)
    resident.derive()
    changes = {
        name: [_audit_value(name, before[name]), _audit_value(name, getattr(resident, name))]
        for name in RESIDENT_DATA_FIELDS
        if before[name] != getattr(resident, name)
    }
    if "target_groups" in data or changes.keys() & {"id_number", "is_graduate", "graduation_date"}:
        codes = [g.code for g in _target_groups(data["target_groups"])] if "target_groups" in data else groups_before
        _check_groups_fit(resident, codes)
    if "target_groups" in data:
        groups = _target_groups(data["target_groups"])
        groups_after = sorted(g.code for g in groups)
        if groups_after != groups_before:
            resident.target_groups.set(groups)
            changes["target_groups"] = [groups_before, groups_after]
    if changes:
        resident.save()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=resident, request=request, changes=changes)
        if "id_number" in changes:
            resident_shared_id_refresh(id_number=before["id_number"])
    status = data.get("employment_status")
    if status and status != resident.employment_status:
        resident_employment_status_change(
            actor=actor,
            resident=resident,
            status=status,
            changed_on=data.get("status_since") or timezone.localdate(),
            registration_number=data.get("registration_number") or "",
            request=request,
        )
        resident.refresh_from_db()
    elif "id_number" in changes and resident.household_id:
        # A corrected ID number can change age and sex, hence working age.
        household_zero_employment_refresh(household=resident.household, on=timezone.localdate())
    return resident


@transaction.atomic
def resident_remove(*, actor: User, resident: Resident, reason: RemovalReason, request=None) -> Resident:
    """Soft removal (moved away, deceased, duplicate): the row, its history and
    its services stay; lists stop showing it. Nothing is hard-deleted."""
    require(actor, "stations.manage_resident")
    _require_resident_in_scope(actor, resident)
    if reason not in RemovalReason.values:
        raise ValidationError({"reason": _("Choose why the record is removed.")})
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.is_removed:
        raise ValidationError(_("This record has already been removed."))
    resident.removed_at = timezone.now()
    resident.removal_reason = reason
    resident.save(update_fields=["removed_at", "removal_reason", "updated_at"])
    audit_record(actor=actor, action=AuditAction.REMOVE, obj=resident, request=request, changes={"reason": reason})
    if resident.household_id:
        household_zero_employment_refresh(household=resident.household, on=timezone.localdate())
    return resident


def resident_open_full_record(*, actor: User, resident: Resident, request) -> None:
    """Write the VIEW entry for an opening of the full record (ID number and
    phone unmasked): every such opening is in the audit log."""
    require(actor, "stations.view_resident")
    audit_record(actor=actor, action=AuditAction.VIEW, obj=resident, request=request)


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
    try:
        from stations.services.notifications import notification_send
    except ImportError:  # the notification centre's service is not there yet
        notification_send = None
    for user in recipients:
        key = f"zero-employment:{household.pk}:{on.isoformat()}:{user.pk}"
        if notification_send is not None:
            notification_send(
                recipient=user, kind="zero_employment_household", message=message, link=link, dedupe_key=key
            )
        else:
            Notification.objects.get_or_create(
                dedupe_key=key,
                defaults={"recipient": user, "kind": "zero_employment_household", "message": message, "link": link},
            )


@transaction.atomic
def household_create(*, actor: User, resident: Resident, request=None) -> Household:
    """Start a household with `resident` as its first member."""
    require(actor, "stations.manage_resident")
    _require_resident_in_scope(actor, resident)
    if resident.household_id:
        raise ValidationError(_("This person already belongs to a household."))
    household = Household(community=resident.community, address=resident.address)
    household.full_clean()
    household.save()
    resident.household = household
    resident.save(update_fields=["household", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=resident,
        request=request,
        changes={"household": [None, household.pk]},
    )
    household_zero_employment_refresh(household=household, on=timezone.localdate())
    return household


@transaction.atomic
def resident_household_join(*, actor: User, resident: Resident, member: Resident, request=None) -> Household:
    """Put `resident` in the household of `member` (same community), starting
    one for `member` if they have none."""
    require(actor, "stations.manage_resident")
    _require_resident_in_scope(actor, resident)
    _require_resident_in_scope(actor, member)
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
    resident.household = household
    resident.save(update_fields=["household", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=resident,
        request=request,
        changes={"household": [old.pk if old else None, household.pk]},
    )
    today = timezone.localdate()
    household_zero_employment_refresh(household=household, on=today)
    if old is not None:
        household_zero_employment_refresh(household=old, on=today)
    return household


@transaction.atomic
def resident_household_leave(*, actor: User, resident: Resident, request=None) -> None:
    require(actor, "stations.manage_resident")
    _require_resident_in_scope(actor, resident)
    old = resident.household
    if old is None:
        return
    resident.household = None
    resident.save(update_fields=["household", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=resident, request=request, changes={"household": [old.pk, None]}
    )
    household_zero_employment_refresh(household=old, on=timezone.localdate())


# --- transfers between communities -------------------------------------------------------
@transaction.atomic
def resident_transfer_request_create(
    *, actor: User, id_number: str, to_community: Community, note: str = "", request=None
) -> ResidentTransferRequest:
    """Ask the community holding `id_number` to hand the record to `to_community`.

    The actor cannot see the record (if they could, there is nothing to
    transfer); they learn only the holding community's name. The holding
    community's staff are notified.
    """
    require(actor, "stations.manage_resident")
    require_community_in_scope(actor, to_community, field="to_community")
    id_number = normalize_resident_id(id_number)
    resident = (
        city_wide(Resident.objects, read=CityWideRead.RESIDENT_TRANSFER)
        .select_related("community")
        .filter(id_number=id_number)
        .first()
    )
    if resident is None:
        raise ValidationError({"id_number": _("No community has registered this ID number: register the person.")})
    if resident.community_id == to_community.pk:
        raise ValidationError(
            {"id_number": _("This person is already registered in %(community)s.") % {"community": to_community.name}}
        )
    if ResidentTransferRequest.objects.filter(resident=resident, status=TransferStatus.PENDING).exists():
        raise ValidationError(
            {
                "id_number": _("A transfer of this person is already waiting for %(community)s to decide.")
                % {"community": resident.community.name}
            }
        )
    transfer = ResidentTransferRequest(
        resident=resident,
        from_community=resident.community,
        to_community=to_community,
        note=note[:300],
        requested_by=actor,
    )
    transfer.full_clean()
    transfer.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=transfer,
        request=request,
        changes={"from": resident.community.name, "to": to_community.name},
    )
    _notify_transfer(
        transfer,
        recipients_community=resident.community,
        kind="transfer_requested",
        message=_("%(community)s asks for the record of %(name)s to be transferred to it.")
        % {"community": to_community.name, "name": resident.name},
    )
    return transfer


def _notify_transfer(transfer, *, recipients_community, kind: str, message: str, users=None) -> None:
    from django.urls import reverse

    link = reverse("stations:resident_transfer_list")
    recipients = (
        users
        if users is not None
        else User.objects.filter(role=Role.COMMUNITY_STAFF, community=recipients_community, is_active=True)
    )
    try:
        from stations.services.notifications import notification_send
    except ImportError:
        notification_send = None
    for user in recipients:
        key = f"{kind}:{transfer.pk}:{user.pk}"
        if notification_send is not None:
            notification_send(recipient=user, kind=kind, message=message, link=link, dedupe_key=key)
        else:
            Notification.objects.get_or_create(
                dedupe_key=key, defaults={"recipient": user, "kind": kind, "message": message, "link": link}
            )


def _transfer_for_decision(actor: User, transfer: ResidentTransferRequest) -> ResidentTransferRequest:
    require(actor, "stations.manage_resident")
    if not ResidentTransferRequest.objects.visible_to(actor).filter(pk=transfer.pk).exists():
        raise PermissionDenied("transfer request out of scope")
    transfer = (
        ResidentTransferRequest.objects.select_for_update()
        .select_related("resident", "from_community", "to_community", "requested_by")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(
            _("This request has already been decided (%(status)s).") % {"status": transfer.get_status_display()}
        )
    return transfer


@transaction.atomic
def resident_transfer_request_accept(
    *, actor: User, transfer: ResidentTransferRequest, note: str = "", request=None
) -> ResidentTransferRequest:
    """The holding community hands the record over: it moves to the requesting
    community with its history and services, leaves its household here, and a
    removed record (moved away) becomes active again."""
    transfer = _transfer_for_decision(actor, transfer)
    resident = Resident.objects.select_for_update().get(pk=transfer.resident_id)
    if resident.community_id != transfer.from_community_id:
        raise ValidationError(
            _("The record is no longer held by %(community)s.") % {"community": transfer.from_community.name}
        )
    old_household = resident.household
    changes = {"community": [transfer.from_community.name, transfer.to_community.name]}
    if resident.is_removed:
        changes["removed"] = [resident.get_removal_reason_display(), None]
    resident.community = transfer.to_community
    resident.household = None
    resident.removed_at = None
    resident.removal_reason = ""
    resident.save(update_fields=["community", "household", "removed_at", "removal_reason", "updated_at"])
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_note = note[:300]
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    # One entry in each community's trail: the record left one and joined the other.
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=resident, request=request, changes=changes, region_from=transfer
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=resident, request=request, changes=changes)
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=transfer,
        request=request,
        changes={"status": [TransferStatus.PENDING, TransferStatus.ACCEPTED], "note": note},
    )
    if old_household is not None:
        household_zero_employment_refresh(household=old_household, on=timezone.localdate())
    _notify_transfer(
        transfer,
        recipients_community=None,
        users=[transfer.requested_by],
        kind="transfer_accepted",
        message=_("%(community)s transferred the record of %(name)s to %(to)s.")
        % {"community": transfer.from_community.name, "name": resident.name, "to": transfer.to_community.name},
    )
    return transfer


@transaction.atomic
def resident_transfer_request_decline(
    *, actor: User, transfer: ResidentTransferRequest, note: str, request=None
) -> ResidentTransferRequest:
    """The holding community keeps the record; the requester is told why."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the transfer is declined.")})
    transfer = _transfer_for_decision(actor, transfer)
    transfer.status = TransferStatus.DECLINED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_note = note.strip()[:300]
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=transfer,
        request=request,
        changes={"status": [TransferStatus.PENDING, TransferStatus.DECLINED], "note": transfer.decision_note},
    )
    _notify_transfer(
        transfer,
        recipients_community=None,
        users=[transfer.requested_by],
        kind="transfer_declined",
        message=_("%(community)s declined the transfer: %(note)s")
        % {"community": transfer.from_community.name, "note": transfer.decision_note},
    )
    return transfer


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
