"""The platform pages' wiring (stations/platform_setup.py): the notifications panel."""

import pytest

from stations.models import Notification
from stations.platform_setup import PANEL_ITEMS, notifications_panel

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
