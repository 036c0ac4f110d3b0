"""Audit entries (stations/models/audit.py): placed in a region, read as who did what when."""

import pytest
from django.utils import translation

from stations.audit import audit_record
from stations.models import AuditAction
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_an_entry_reads_as_when_who_what_and_on_which_record(community_staff, community):
    resident = ResidentFactory(community=community, name="张三")
    entry = audit_record(actor=community_staff, action=AuditAction.UPDATE, obj=resident)
    with translation.override("en"):
        assert str(entry).endswith(f"{entry.actor_name} Changed 张三")
    assert entry.community_id == community.pk
