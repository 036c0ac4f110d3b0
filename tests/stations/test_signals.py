"""Receivers of Django's own signals (stations/signals.py): sign-in logging and reference rows."""

import pytest

from stations.models import AuditAction, AuditEntry, ServiceCode, StationService, TargetGroup, TargetGroupCode
from stations.signals import log_login_failed, sync_reference_rows

pytestmark = pytest.mark.django_db


def test_a_failed_sign_in_is_audited_with_the_name_tried(rf):
    log_login_failed(sender=None, credentials={"username": "nobody"}, request=rf.get("/"))
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_repr, entry.actor) == (AuditAction.LOGIN_FAILED, "nobody", None)


def test_reference_rows_follow_the_code_enums_in_order():
    TargetGroup.objects.all().delete()
    sync_reference_rows(sender=None)
    assert list(TargetGroup.objects.values_list("code", flat=True)) == list(TargetGroupCode.values)
    assert StationService.objects.count() == len(ServiceCode.values)
