"""stations.apis.permissions: a write to a read-only staff endpoint is 405, not a 500."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_writing_to_a_read_only_staff_endpoint_is_method_not_allowed(community_staff):
    client = APIClient()
    client.force_authenticate(community_staff)
    response = client.post("/api/v1/training/classes/", {"title": "x"}, format="json")
    assert response.status_code == 405


def test_a_view_that_handles_a_write_but_names_no_rule_refuses_it(rf, community_staff):
    from stations.apis.permissions import HasRule

    class Forgetful:
        def post(self, request):  # handles POST, declares no write_permission
            return None

    request = rf.post("/")
    request.user = community_staff
    assert HasRule().has_permission(request, Forgetful()) is False
