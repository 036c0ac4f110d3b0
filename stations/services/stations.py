from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stations.audit import audit_record, field_changes
from stations.models import STATION_DETAIL_FIELDS, AuditAction, Community, RelatedSite, Station, User
from stations.services.common import require, require_community_in_scope

STATION_FIELDS = (
    "name",
    "community",
    *STATION_DETAIL_FIELDS,
    "note",
)

RELATED_SITE_FIELDS = (
    "community",
    "kind",
    "name",
    "address",
    "phone",
    "latitude",
    "longitude",
    "note",
    "is_active",
)


@transaction.atomic
def station_save(*, actor: User, station: Station, services=None, served_communities=None, request=None) -> Station:
    """Create or update a station inside the actor's scope.

    The host community must be in the actor's area. Served communities may be
    chosen only inside the area; ones already served that lie outside it (set
    by a higher office, 联建 across a street border) may stay, so a street
    officer's edit never silently drops them.
    """
    require(actor, "stations.manage_station")
    require_community_in_scope(actor, station.community)
    creating = station.pk is None
    before = {}
    old_services: list[str] = []
    old_served: list[str] = []
    if not creating:
        old = Station.objects.get(pk=station.pk)
        before = {name: getattr(old, name) for name in STATION_FIELDS}
        old_services = sorted(str(s) for s in old.services.all())
        old_served = sorted(str(c) for c in old.served_communities.all())
    if served_communities is not None:
        served_communities = list(served_communities)
        already = set() if creating else set(station.served_communities.values_list("pk", flat=True))
        visible = set(
            Community.objects.visible_to(actor)
            .filter(pk__in=[c.pk for c in served_communities])
            .values_list("pk", flat=True)
        )
        outside = [c for c in served_communities if c.pk not in visible and c.pk not in already]
        if outside:
            raise ValidationError(
                {
                    "served_communities": _("These communities are outside your area: %(names)s")
                    % {"names": "、".join(str(c) for c in outside)}
                }
            )
    station.full_clean()
    station.save()
    changes = {} if creating else field_changes(before, station, STATION_FIELDS)
    if services is not None:
        station.services.set(services)
        new_services = sorted(str(s) for s in services)
        if not creating and new_services != old_services:
            changes["services"] = [old_services, new_services]
    if served_communities is not None:
        station.served_communities.set(served_communities)
        new_served = sorted(str(c) for c in served_communities)
        if not creating and new_served != old_served:
            changes["served_communities"] = [old_served, new_served]
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=station,
        changes=changes,
        request=request,
    )
    return station


@transaction.atomic
def related_site_save(*, actor: User, site: RelatedSite, request=None) -> RelatedSite:
    """Create or update a related site (micro-factory, 如康家园, school...) of a
    community inside the actor's scope. Sites are never deleted: set
    `is_active=False` so reports keep their history."""
    require(actor, "stations.manage_station")
    require_community_in_scope(actor, site.community)
    creating = site.pk is None
    before = {}
    if not creating:
        old = RelatedSite.objects.get(pk=site.pk)
        before = {name: getattr(old, name) for name in RELATED_SITE_FIELDS}
    site.full_clean()
    site.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=site,
        changes={} if creating else field_changes(before, site, RELATED_SITE_FIELDS),
        request=request,
    )
    return site
