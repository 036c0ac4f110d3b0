"""Writing the audit trail (stations/audit.py): where an entry is placed and what changed."""

import datetime as dt

import pytest

from stations.audit import audit_record, field_changes, region_of
from stations.models import AuditAction
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_residents_region_is_its_communitys(community):
    resident = ResidentFactory(community=community)
    assert region_of(resident) == (community.street.district, community.street, community)


def test_only_the_fields_that_changed_are_recorded_as_old_and_new(community):
    resident = ResidentFactory(community=community, address="旧址", registered_on=dt.date(2026, 1, 5))
    before = {"address": "旧址", "registered_on": dt.date(2026, 1, 1)}
    resident.address = "旧址"
    assert field_changes(before, resident, ["address", "registered_on"]) == {
        "registered_on": ["2026-01-01", "2026-01-05"]
    }


def test_an_entry_without_a_record_is_placed_in_the_actors_node_with_the_address(rf, community_staff, community):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    entry = audit_record(actor=community_staff, action=AuditAction.EXPORT, request=request, object_repr="list")
    assert entry.community_id == community.pk
    assert entry.ip_address == "10.1.2.3"
