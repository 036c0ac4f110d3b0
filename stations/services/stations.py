from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Community, Station, User
from stations.services.common import require, require_community_in_scope

STATION_FIELDS = (
    "name",
    "community",
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "phone",
    "operator_kind",
    "operator_name",
    "status",
    "note",
)


@transaction.atomic
def station_save(*, actor: User, station: Station, services=None, served_communities=None, request=None) -> Station:
    """Create or update a station inside the actor's scope."""
    require(actor, "stations.manage_station")
    require_community_in_scope(actor, station.community)
    if served_communities is not None:
        visible = set(Community.objects.visible_to(actor).values_list("pk", flat=True))
        outside = [c for c in served_communities if c.pk not in visible]
        if outside:
            raise ValidationError(
                {
                    "served_communities": _("These communities are outside your area: %(names)s")
                    % {"names": "、".join(str(c) for c in outside)}
                }
            )
    creating = station.pk is None
    before = {}
    if not creating:
        old = Station.objects.get(pk=station.pk)
        before = {name: getattr(old, name) for name in STATION_FIELDS}
    station.full_clean()
    station.save()
    if services is not None:
        station.services.set(services)
    if served_communities is not None:
        station.served_communities.set(served_communities)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=station,
        changes={} if creating else field_changes(before, station, STATION_FIELDS),
        request=request,
    )
    return station
