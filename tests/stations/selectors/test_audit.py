"""Reads of the audit trail (stations/selectors/audit.py): scoped and filtered."""

import pytest

from stations.audit import audit_record
from stations.models import AuditAction
from stations.selectors import audit_entry_list
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_district_bureau_reads_the_entries_of_its_district_only(district_bureau, community, far_community):
    audit_record(actor=None, action=AuditAction.UPDATE, obj=ResidentFactory(community=community))
    audit_record(actor=None, action=AuditAction.UPDATE, obj=ResidentFactory(community=far_community))
    assert [entry.community_id for entry in audit_entry_list(user=district_bureau)] == [community.pk]


def test_the_list_is_filtered_by_action(city_bureau, community):
    resident = ResidentFactory(community=community)
    audit_record(actor=None, action=AuditAction.UPDATE, obj=resident)
    audit_record(actor=None, action=AuditAction.REMOVE, obj=resident)
    entries = audit_entry_list(user=city_bureau, filters={"action": AuditAction.REMOVE})
    assert [entry.action for entry in entries] == [AuditAction.REMOVE]
