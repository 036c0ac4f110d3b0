"""The service log (stations/services/residents/service_log.py): one entry per service, audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from stations.models import AuditAction, AuditEntry, ServiceChannel, ServiceKind, ServiceRecord
from stations.services.residents import service_record_create
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _record(actor, resident):
    return service_record_create(
        actor=actor, resident=resident, kind=ServiceKind.POLICY_CONTACT,
        served_on=timezone.localdate(), channel=ServiceChannel.PHONE,
    )  # fmt: skip


def test_a_service_is_logged_for_the_resident_by_the_staff_and_audited(community_staff, community):
    resident = ResidentFactory(community=community)
    record = _record(community_staff, resident)
    assert (record.resident, record.staff) == (resident, community_staff)
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(record.pk)).exists()


def test_staff_of_another_community_cannot_log_a_service(other_community_staff, community):
    with pytest.raises(PermissionDenied):
        _record(other_community_staff, ResidentFactory(community=community))
    assert not ServiceRecord.objects.exists()
