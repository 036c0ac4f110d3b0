"""Employment status changes (stations/services/residents/status.py)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from stations.models import (
    EmploymentStatus,
)
from stations.services.residents import (
    resident_employment_status_change,
)
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_status_change_out_of_scope_is_refused(other_community_staff, community):
    resident = ResidentFactory(community=community)
    with pytest.raises(PermissionDenied):
        resident_employment_status_change(
            actor=other_community_staff,
            resident=resident,
            status=EmploymentStatus.EMPLOYED,
            changed_on=timezone.localdate(),
        )
