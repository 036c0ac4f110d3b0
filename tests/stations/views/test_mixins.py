"""StaffRequiredMixin (stations/views/mixins.py): a signed-in account with the
view's permission rule; a refusal is a 403 written to the audit log."""

import pytest
from django.urls import path, reverse
from django.views.generic import TemplateView

from stations.models import AuditAction, AuditEntry
from stations.views.mixins import StaffRequiredMixin


class _CityOnlyView(StaffRequiredMixin, TemplateView):
    """A page only the city bureau may open, to exercise refused permissions."""

    permission = "stations.set_policy"
    template_name = "stations/dashboard.html"


urlpatterns = [
    path("city-only/", _CityOnlyView.as_view(), name="city-only"),
    *__import__("config.urls", fromlist=["urlpatterns"]).urlpatterns,
]


@pytest.mark.urls(__name__)
def test_refused_permission_check_is_403_and_written_to_the_audit_log(staff_client, community_staff):
    response = staff_client.get("/city-only/")
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action=AuditAction.PERMISSION_DENIED)
    assert entry.actor == community_staff
    assert entry.object_repr == "/city-only/"
    assert entry.changes["reason"] == "stations.set_policy"


@pytest.mark.urls(__name__)
def test_allowed_permission_check_is_not_logged_as_refused(client, city_bureau):
    client.force_login(city_bureau)
    assert client.get("/city-only/").status_code == 200
    assert not AuditEntry.objects.filter(action=AuditAction.PERMISSION_DENIED).exists()


@pytest.mark.urls(__name__)
def test_a_visitor_not_signed_in_is_sent_to_sign_in_not_refused(client, db):
    response = client.get("/city-only/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not AuditEntry.objects.filter(action=AuditAction.PERMISSION_DENIED).exists()
