"""Out-of-scope makers for the base app's models (see tests/scope/registry.py)."""

from stations.models import (
    AuditAction,
    AuditEntry,
    Household,
    Notification,
    RelatedSite,
    Resident,
    ResidentImportBatch,
    ResidentTransferRequest,
    Role,
    ServiceRecord,
    Station,
    User,
)
from tests.factories import RelatedSiteFactory, ResidentFactory, ServiceRecordFactory, StationFactory, UserFactory
from tests.factories.residents import HouseholdFactory, ResidentTransferRequestFactory
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


# --- resident registry ---------------------------------------------------------------
@register(Resident)
def make_resident(community):
    return ResidentFactory(community=community, name=f"{SENTINEL} resident")


@register(Household)
def make_household(community):
    household = HouseholdFactory(community=community, address=f"{SENTINEL} household")
    ResidentFactory(community=community, household=household, name=f"{SENTINEL} member")
    return household


@register(ServiceRecord)
def make_service_record(community):
    staff = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    resident = ResidentFactory(community=community, name=f"{SENTINEL} served")
    return ServiceRecordFactory(resident=resident, staff=staff, note=f"{SENTINEL} service")


@register(ResidentTransferRequest)
def make_transfer_request(community):
    """A request held by `community`, asked for by its neighbour in the same street."""
    from tests.factories import CommunityFactory

    resident = ResidentFactory(community=community, name=f"{SENTINEL} transfer")
    neighbour = CommunityFactory(street=community.street)
    requester = UserFactory(role=Role.COMMUNITY_STAFF, community=neighbour)
    return ResidentTransferRequestFactory(
        resident=resident, to_community=neighbour, requested_by=requester, note=f"{SENTINEL} transfer"
    )
