"""The register itself (居民登记): register, update and remove records, the
duplicate check, and the audited opening of a full record."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import (
    AuditAction,
    Community,
    RemovalReason,
    Resident,
    TargetGroup,
    User,
)
from stations.services.common import require, require_community_in_scope
from stations.services.residents.common import (
    MASKED_IN_AUDIT,
    RESIDENT_DATA_FIELDS,
    require_resident_in_scope,
)
from stations.services.residents.households import household_zero_employment_refresh
from stations.services.residents.status import resident_employment_status_change
from stations.validators import normalize_mobile, normalize_resident_id


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
    from stations.target_group_rules import record_fit_problems

    problems = record_fit_problems(resident, codes)
    if problems:
        raise ValidationError(problems)


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


@closed_months.guard(name="stations.services.residents.resident_register", label=gettext_lazy("Register a resident"))
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


@closed_months.guard(
    name="stations.services.residents.resident_update", label=gettext_lazy("Change a resident's record")
)
@transaction.atomic
def resident_update(*, actor: User, resident: Resident, data: dict, request=None) -> Resident:
    """Change a record; every changed field is audited old → new (ID number and
    phone masked), target groups as code lists. A new `employment_status` goes
    through resident_employment_status_change (dated `status_since` or today),
    so the history stays complete."""
    require(actor, "stations.manage_resident")
    require_resident_in_scope(actor, resident)
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
    require_resident_in_scope(actor, resident)
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
