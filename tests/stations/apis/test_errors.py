"""stations.apis.errors: one error shape for the whole API, and refusals
written to the audit log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework.test import APIRequestFactory

from stations.apis.errors import exception_handler
from stations.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _context(user=None):
    request = APIRequestFactory().get("/api/v1/stations/")
    if user is not None:
        request.user = user
    return {"request": request}


def test_a_services_validation_error_answers_400_with_its_field_errors():
    exc = ValidationError({"name": ["Too long."], "phone": ["Not a phone number."]})
    response = exception_handler(exc, _context())
    assert response.status_code == 400
    assert response.data == {"detail": "invalid", "errors": {"name": ["Too long."], "phone": ["Not a phone number."]}}


def test_a_validation_error_without_fields_answers_under_non_field_errors():
    response = exception_handler(ValidationError("Closed month."), _context())
    assert response.data == {"detail": "invalid", "errors": {"non_field_errors": ["Closed month."]}}


def test_not_found_answers_404_with_a_plain_detail():
    response = exception_handler(Http404(), _context())
    assert response.status_code == 404
    assert isinstance(response.data["detail"], str)


def test_a_refusal_of_a_signed_in_user_is_written_to_the_audit_log(community_staff):
    response = exception_handler(PermissionDenied(), _context(community_staff))
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action=AuditAction.PERMISSION_DENIED)
    assert (entry.actor, entry.changes["reason"]) == (community_staff, "api")
