"""Out-of-scope makers for the base app's models (see tests/scope/registry.py)."""

from stations.models import (
    AuditAction,
    AuditEntry,
    Notification,
    RelatedSite,
    ResidentImportBatch,
    Role,
    Station,
    User,
)
from tests.factories import RelatedSiteFactory, StationFactory, UserFactory
from tests.scope.registry import SENTINEL, register


@register(User)
def make_staff_account(community):
    return UserFactory(role=Role.COMMUNITY_STAFF, community=community, first_name=f"{SENTINEL} staff")


@register(Notification)
def make_notification(community):
    """Someone else's notification: the notification centre shows only your own."""
    owner = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    return Notification.objects.create(
        recipient=owner, kind="reminder", message=f"{SENTINEL} reminder", dedupe_key=f"scope-test-{owner.pk}"
    )


@register(AuditEntry)
def make_audit_entry(community):
    return AuditEntry.objects.create(
        action=AuditAction.UPDATE,
        actor_name="outside-scope-user",
        object_repr=f"{SENTINEL} record",
        changes={"name": ["old", f"{SENTINEL} new"]},
        district=community.street.district,
        street=community.street,
        community=community,
    )


@register(Station)
def make_station(community):
    station = StationFactory(community=community, name=f"{SENTINEL} station")
    station.served_communities.set([community])
    return station


@register(RelatedSite)
def make_related_site(community):
    return RelatedSiteFactory(community=community, name=f"{SENTINEL} site")


@register(ResidentImportBatch)
def make_resident_import_batch(community):
    from tests.factories.imports import ResidentImportBatchFactory

    owner = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    return ResidentImportBatchFactory(created_by=owner, filename=f"{SENTINEL}.xlsx")
