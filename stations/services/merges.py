"""Merging two records of one person, and undoing a merge.

A street officer (or a bureau) picks the record to keep; every row that
points at the other moves to it (stations.merging finds them), its target
groups are added, its household link passes over, and it becomes a
tombstone pointing at the kept record. The merge row lists what moved, pk by
pk, so the district bureau can move back exactly that within the undo
window. Both are audited.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations.audit import audit_record
from stations.merging import conflict_messages, resident_relations
from stations.models import (
    AuditAction,
    Household,
    MergeGrounds,
    RemovalReason,
    Resident,
    ResidentMerge,
    ResidentTransferRequest,
    TargetGroup,
    TransferStatus,
    User,
)
from stations.policy import declare, policy_value
from stations.services.common import require
from stations.services.residents import household_zero_employment_refresh, resident_shared_id_refresh
from stations.validators import mask_resident_id, normalize_text

MERGE_UNDO_DAYS = "residents.merge_undo_days"

declare(
    MERGE_UNDO_DAYS,
    # A month lets the community notice a wrong merge at its monthly close
    # (the person's services suddenly under another name) and still undo it.
    default=30,
    label=gettext_lazy("Days in which a merge of duplicate records can be undone"),
    help_text=gettext_lazy("The district bureau can undo a merge of two resident records for this many days."),
    unit=gettext_lazy("days"),
)


def name_key(name: str) -> str:
    """A name as the duplicate check compares it: normalised, without spaces
    (张 三 and 张三 are one name). Case is kept: databases fold the case of
    non-ASCII letters differently, and the list must agree with this check."""
    return "".join(normalize_text(name).split())


def merge_grounds(first: Resident, second: Resident) -> str | None:
    """Why two records may be one person, or None."""
    if first.id_number and first.id_number == second.id_number:
        return MergeGrounds.SAME_ID_NUMBER
    if (
        first.mobile
        and first.mobile == second.mobile
        and first.birth_date == second.birth_date
        and name_key(first.name) == name_key(second.name)
    ):
        return MergeGrounds.SAME_NAME_BIRTH_MOBILE
    return None


def _person(resident: Resident) -> str:
    """How the trail names a record: its name and masked ID number."""
    return f"{resident.name} {mask_resident_id(resident.id_number)} (#{resident.pk})"


def _summary(counts: list[tuple[str, int]]) -> str:
    return "；".join(f"{what} {n}" for what, n in counts) or _("nothing")


def _lock_pair(actor: User, first_pk: int, second_pk: int, *, manager) -> dict[int, Resident]:
    """Both records locked (in pk order, so two merges of one record wait for
    each other instead of deadlocking), or PermissionDenied when either is
    outside the actor's area."""
    rows = list(
        manager.visible_to(actor).filter(pk__in=[first_pk, second_pk]).select_for_update(of=("self",)).order_by("pk")
    )
    if len(rows) != 2:
        raise PermissionDenied("resident out of scope")
    return {row.pk: row for row in rows}


def _household_checks(kept: Resident, duplicate: Resident) -> list[str]:
    if not duplicate.household_id or duplicate.household_id == kept.household_id:
        return []
    if kept.household_id:
        return [
            _(
                "The two records belong to different households. Take one of them out of its household (or put "
                "both in one), then merge."
            )
        ]
    if duplicate.community_id != kept.community_id:
        return [
            _(
                "The record to merge belongs to a household in %(community)s, and the record kept is registered "
                "in another community. Take it out of the household first, then merge."
            )
            % {"community": duplicate.community.name}
        ]
    return []


def _transfer_checks(kept: Resident, duplicate: Resident) -> list[str]:
    pending = ResidentTransferRequest.objects.filter(
        resident__in=[kept, duplicate], status=TransferStatus.PENDING
    ).select_related("resident", "from_community")
    return [
        _("A transfer of the record of %(name)s is waiting for %(community)s to decide. Decide it first, then merge.")
        % {"name": t.resident.name, "community": t.from_community.name}
        for t in pending
    ]


def merge_problems(kept: Resident, duplicate: Resident) -> list[str]:
    """Everything that stops `duplicate` merging into `kept` now (empty when
    the merge can go ahead). The merge page shows these before the officer
    confirms; `resident_merge` checks them again under lock."""
    return [
        *_transfer_checks(kept, duplicate),
        *_household_checks(kept, duplicate),
        *conflict_messages(kept, duplicate),
    ]


def _move_rows(relations, kept: Resident, duplicate: Resident) -> tuple[list, list]:
    """Point every row of `duplicate` at `kept`, locked first; return what
    moved (model, field, pks) and the link rows dropped as already held."""
    moved_rows, links_dropped = [], []
    for relation in relations:
        rows = relation.rows_of(duplicate).select_for_update().order_by("pk")
        if relation.link_table:
            # A link both records hold (founders of one business) is one fact.
            other = next(f for f in relation.model._meta.fields if f.is_relation and f.related_model is not Resident)
            shared = set(relation.rows_of(kept).values_list(other.attname, flat=True))
            for pk, target in rows.values_list("pk", other.attname):
                if target in shared:
                    links_dropped.append({"model": relation.label, "values": {other.attname: target}})
                    relation.model._base_manager.filter(pk=pk).delete()
        pks = list(rows.values_list("pk", flat=True))
        if pks:
            relation.model._base_manager.filter(pk__in=pks).update(**{relation.field: kept})
            moved_rows.append({"model": relation.label, "field": relation.field, "pks": pks})
    return moved_rows, links_dropped


@transaction.atomic
def resident_merge(*, actor: User, kept: Resident, duplicate: Resident, note: str = "", request=None) -> ResidentMerge:
    """Merge `duplicate` into `kept`: two records of one person (the same ID
    number; or the same name, birth date and mobile), both in the actor's
    area. Refused, with a message naming what is in the way, when a move
    would break a unique rule (two open cases...), a transfer is pending or
    the households differ."""
    require(actor, "stations.merge_resident")
    if kept.pk == duplicate.pk:
        raise ValidationError(_("Choose two different records."))
    locked = _lock_pair(actor, kept.pk, duplicate.pk, manager=Resident.with_tombstones)
    kept, duplicate = locked[kept.pk], locked[duplicate.pk]
    if kept.is_tombstone or duplicate.is_tombstone:
        raise ValidationError(_("One of the two records has already been merged into another."))
    grounds = merge_grounds(kept, duplicate)
    if grounds is None:
        raise ValidationError(
            _(
                "These two records are not possible duplicates: they share neither the ID number nor the name, "
                "birth date and mobile."
            )
        )
    relations = resident_relations()
    problems = [
        *_transfer_checks(kept, duplicate),
        *_household_checks(kept, duplicate),
        *conflict_messages(kept, duplicate, relations),
    ]
    if problems:
        raise ValidationError(problems)

    try:
        with transaction.atomic():
            moved_rows, links_dropped = _move_rows(relations, kept, duplicate)
    except IntegrityError:
        # A row written between the checks above and the move (the rows of
        # other apps are not all created under the resident's lock) would
        # break a unique rule: the database refused it, nothing moved.
        raise ValidationError(
            _("These records changed while they were being merged. Open the comparison again and merge.")
        ) from None

    kept_groups = set(kept.target_groups.values_list("pk", flat=True))
    added = [g for g in duplicate.target_groups.all() if g.pk not in kept_groups]
    if added:
        kept.target_groups.add(*added)

    households_before = {"kept": kept.household_id, "duplicate": duplicate.household_id}
    duplicate_before = {
        "removed_at": duplicate.removed_at.isoformat() if duplicate.removed_at else None,
        "removal_reason": duplicate.removal_reason,
        "shares_id_number": duplicate.shares_id_number,
    }
    if duplicate.household_id and not kept.household_id:
        kept.household_id = duplicate.household_id
        kept.save(update_fields=["household", "updated_at"])
    duplicate.merged_into = kept
    duplicate.household = None
    duplicate.removed_at = duplicate.removed_at or timezone.now()
    duplicate.removal_reason = RemovalReason.DUPLICATE
    duplicate.shares_id_number = False
    duplicate.save(
        update_fields=["merged_into", "household", "removed_at", "removal_reason", "shares_id_number", "updated_at"]
    )
    resident_shared_id_refresh(id_number=kept.id_number)
    resident_shared_id_refresh(id_number=duplicate.id_number)

    merge = ResidentMerge(
        kept=kept,
        duplicate=duplicate,
        grounds=grounds,
        note=(note or "").strip()[:300],
        merged_by=actor,
        moved={
            "rows": moved_rows,
            "links_dropped": links_dropped,
            "groups_added": sorted(g.code for g in added),
            "households": households_before,
            "duplicate_before": duplicate_before,
        },
    )
    merge.full_clean()
    merge.save()
    changes = {
        "kept": _person(kept),
        "duplicate": _person(duplicate),
        "grounds": grounds,
        "moved": _summary(merge.moved_counts()),
        "note": merge.note,
    }
    audit_record(actor=actor, action=AuditAction.MERGE, obj=merge, request=request, changes=changes)
    if duplicate.community_id != kept.community_id:
        # The other community's trail shows that its record left too.
        audit_record(
            actor=actor, action=AuditAction.MERGE, obj=merge, request=request, changes=changes, region_from=duplicate
        )
    today = timezone.localdate()
    for household_pk in {pk for pk in households_before.values() if pk}:
        household_zero_employment_refresh(household=Household(pk=household_pk), on=today)
    return merge


def merge_undo_days(on: dt.date | None = None) -> int:
    """How many days a merge made on `on` (today) can be undone for."""
    return int(policy_value(MERGE_UNDO_DAYS, on=on))


def merge_undo_deadline(merge: ResidentMerge) -> dt.datetime:
    """The figure in force the day of the merge counts, as for any decision."""
    return merge.merged_at + dt.timedelta(days=merge_undo_days(timezone.localdate(merge.merged_at)))


def merge_can_be_undone(merge: ResidentMerge, *, now: dt.datetime | None = None) -> bool:
    return not merge.is_undone and (now or timezone.now()) <= merge_undo_deadline(merge)


@transaction.atomic
def resident_merge_undo(*, actor: User, merge: ResidentMerge, note: str, request=None) -> ResidentMerge:
    """Undo a merge within the undo window (a policy parameter): the rows
    that moved go back (those since deleted are counted, nothing else is
    touched), the target groups the merge added are taken away, the
    household links are restored and the tombstone is a record again."""
    require(actor, "stations.undo_resident_merge")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the merge is undone.")})
    locked = (
        ResidentMerge.objects.visible_to(actor)
        .filter(pk=merge.pk)
        .select_for_update(of=("self",))
        .select_related("kept", "duplicate")
        .first()
    )
    if locked is None:
        raise PermissionDenied("merge out of scope")
    merge = locked
    if merge.is_undone:
        raise ValidationError(_("This merge has already been undone."))
    if not merge_can_be_undone(merge):
        raise ValidationError(
            _("A merge can be undone until %(deadline)s; that time has passed.")
            % {"deadline": timezone.localtime(merge_undo_deadline(merge)).strftime("%Y-%m-%d %H:%M")}
        )
    locked = _lock_pair(actor, merge.kept_id, merge.duplicate_id, manager=Resident.with_tombstones)
    kept, duplicate = locked[merge.kept_id], locked[merge.duplicate_id]
    if kept.merged_into_id is not None:
        raise ValidationError(_("The record kept has since been merged into another record. Undo that merge first."))
    if duplicate.merged_into_id != kept.pk:
        raise ValidationError(_("The merged record has changed since the merge; it cannot be undone here."))

    moved = merge.moved or {}
    moved_back, missing = [], 0
    for entry in moved.get("rows", []):
        model = apps.get_model(entry["model"])
        rows = model._base_manager.filter(pk__in=entry["pks"], **{entry["field"]: kept})
        count = rows.update(**{entry["field"]: duplicate})
        missing += len(entry["pks"]) - count
        if count:
            moved_back.append((str(model._meta.verbose_name_plural), count))
    for link in moved.get("links_dropped", []):
        model = apps.get_model(link["model"])
        field = next(f for f in model._meta.fields if f.is_relation and f.related_model is Resident)
        model._base_manager.get_or_create(**{field.attname: duplicate.pk, **link["values"]})
    codes = moved.get("groups_added", [])
    if codes:
        kept.target_groups.remove(*TargetGroup.objects.filter(code__in=codes))

    households = moved.get("households", {})
    if households.get("duplicate") and kept.household_id == households["duplicate"] and not households.get("kept"):
        kept.household_id = None
        kept.save(update_fields=["household", "updated_at"])
    before = moved.get("duplicate_before", {})
    duplicate.merged_into = None
    duplicate.household_id = (
        households.get("duplicate") if Household.objects.filter(pk=households.get("duplicate") or 0).exists() else None
    )
    duplicate.removed_at = dt.datetime.fromisoformat(before["removed_at"]) if before.get("removed_at") else None
    duplicate.removal_reason = before.get("removal_reason", "")
    # Back on the list beside its pair when another live record holds its number.
    duplicate.shares_id_number = (
        Resident.objects.filter(id_number=duplicate.id_number).exclude(pk=duplicate.pk).exists()
    )
    duplicate.save(
        update_fields=["merged_into", "household", "removed_at", "removal_reason", "shares_id_number", "updated_at"]
    )

    merge.undone_by = actor
    merge.undone_at = timezone.now()
    merge.undo_note = note[:300]
    merge.save(update_fields=["undone_by", "undone_at", "undo_note"])
    changes = {
        "kept": _person(kept),
        "duplicate": _person(duplicate),
        "moved": _summary(moved_back),
        "undo_note": merge.undo_note,
    }
    if missing:
        changes["note"] = _("%(n)d rows that had moved no longer exist and could not go back.") % {"n": missing}
    audit_record(actor=actor, action=AuditAction.MERGE_UNDONE, obj=merge, request=request, changes=changes)
    if duplicate.community_id != kept.community_id:
        audit_record(
            actor=actor,
            action=AuditAction.MERGE_UNDONE,
            obj=merge,
            request=request,
            changes=changes,
            region_from=duplicate,
        )
    today = timezone.localdate()
    for household_pk in {pk for pk in (kept.household_id, duplicate.household_id) if pk}:
        household_zero_employment_refresh(household=Household(pk=household_pk), on=today)
    return merge
