"""The platform pages' wiring (stations/platform_setup.py): the notifications panel."""

import pytest
from django.urls import reverse

from stations.models import Notification
from stations.platform_setup import PANEL_ITEMS, notifications_panel
from stations.services import notification_send

pytestmark = pytest.mark.django_db


def _request(rf, user):
    request = rf.get("/staff/")
    request.user = user
    return request


def test_the_panel_is_hidden_when_everything_is_read(rf, community_staff):
    assert notifications_panel(_request(rf, community_staff)) is None


def test_the_panel_lists_the_newest_unread_and_counts_them_all(rf, community_staff):
    for n in range(PANEL_ITEMS + 2):
        Notification.objects.create(recipient=community_staff, kind="reminder", message=f"m{n}", dedupe_key=f"k{n}")
    panel = notifications_panel(_request(rf, community_staff))
    assert len(panel["latest"]) == PANEL_ITEMS and panel["count"] == PANEL_ITEMS + 2


def test_dashboard_lists_the_newest_unread_notifications(staff_client, community_staff):
    notification_send(recipient=community_staff, kind="reminder", message="Case 12 is due", dedupe_key="a")
    body = staff_client.get(reverse("stations:dashboard")).content.decode()
    assert "Case 12 is due" in body


def test_dashboard_hides_the_panel_when_everything_is_read(staff_client, community_staff):
    notification, _ = notification_send(
        recipient=community_staff, kind="reminder", message="Case 12 is due", dedupe_key="a"
    )
    staff_client.post(reverse("stations:notification_read", args=[notification.pk]))
    body = staff_client.get(reverse("stations:dashboard")).content.decode()
    assert "panel-notifications-h" not in body
