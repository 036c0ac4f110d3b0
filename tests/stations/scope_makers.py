"""Out-of-scope makers for the base app's models (see tests/scope/registry.py)."""

from stations.models import (
    AuditAction,
    AuditEntry,
    Household,
    Notification,
    RelatedSite,
    Resident,
    ResidentImportBatch,
    ResidentMerge,
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


@register(ResidentMerge)
def make_resident_merge(community):
    """A merge of two records of one person in `community`, and a second
    pair left on the possible-duplicates list (whose names must not leak)."""
    import datetime as dt

    from stations.services.merges import resident_merge
    from tests.factories import valid_id_number

    def twins(serials, mobile):
        birth = dt.date(1966, 6, 6)
        return [
            ResidentFactory(
                community=community,
                name=f"{SENTINEL} twin",
                id_number=valid_id_number(region="370481", birth=birth, male=True, serial=serial),
                mobile=mobile,
            )
            for serial in serials
        ]

    kept, duplicate = twins((61, 62), "13700000061")
    twins((63, 64), "13700000063")
    officer = UserFactory(role=Role.STREET_OFFICER, community=None, street=community.street)
    return resident_merge(actor=officer, kept=kept, duplicate=duplicate, note=f"{SENTINEL} merge")
