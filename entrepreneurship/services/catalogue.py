"""The public startup catalogue as staff keep it: projects, stars and events.

Community staff write an item for their district and propose it; the district
(or the city) publishes it, sends it back with a reason, or takes it down.
Each step goes through the item's declared workflow (`Model.workflow`), which
locks the row, re-reads its state and writes the step and the audit entry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import AuditAction, Role, User
from stations.scoping import region_node_visible
from stations.services.common import require

from ..models import STEPS_NEEDING_A_REASON, StartupEvent, StartupProject, StartupStar
from ..models.catalogue import waits_for_its_community

CatalogueItem = StartupProject | StartupStar | StartupEvent


@transaction.atomic
def catalogue_item_save(*, actor: User, item: CatalogueItem, request=None) -> CatalogueItem:
    """Write a new item or change one not yet published.

    A community's item belongs to its own district and names the community as
    proposer; a bureau chooses a district in its area. A published item is
    taken down before it changes, so the public only reads what was reviewed."""
    require(actor, "entrepreneurship.manage_catalogue")
    model = type(item)
    creating = item.pk is None
    if not creating:
        stored = model.objects.visible_to(actor).select_for_update(of=("self",)).filter(pk=item.pk).first()
        if stored is None:
            raise ValidationError(_("This record is outside your area."), code="scope")
        if not stored.is_editable:
            raise ValidationError(_("Take the item down before changing it."), code="state")
        if actor.role == Role.COMMUNITY_STAFF and stored.community_id != actor.community_id:
            raise ValidationError(_("Only the community that proposed the item can change it."), code="owner")
        # Who proposed it and where it stands are not the form's to change.
        item.community_id, item.state, item.created_by_id = stored.community_id, stored.state, stored.created_by_id
        item.state_changed_at = stored.state_changed_at
    else:
        item.community = actor.community if actor.role == Role.COMMUNITY_STAFF else None
        item.created_by = actor
    if actor.role == Role.COMMUNITY_STAFF and actor.community is not None:
        item.district_id = actor.community.street.district_id
    elif item.district_id is None or not region_node_visible(actor, item.district):
        raise ValidationError({"district": _("Choose a district in your own area.")})
    item.full_clean()
    item.save()
    audit_record(actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=item, request=request)
    return item


@transaction.atomic
def catalogue_item_step(*, actor: User, item: CatalogueItem, step: str, note: str = "", request=None) -> CatalogueItem:
    """Take one step of the catalogue workflow (propose, publish, send back,
    take down). Sending back and taking down need a reason the proposer reads."""
    require(actor, "entrepreneurship.manage_catalogue")
    note = (note or "").strip()
    if step in STEPS_NEEDING_A_REASON and not note:
        raise ValidationError({"note": _("Give the reason, so the community knows what to change.")})
    model = type(item)

    def check(locked):
        if waits_for_its_community(locked, step):
            raise ValidationError(_("The community has not proposed this item yet."), code="not_proposed")

    model.workflow.apply(
        queryset=model.objects, obj=item, step=step, actor=actor, note=note, check=check, request=request
    )
    return item  # apply refreshes `item` from the database
