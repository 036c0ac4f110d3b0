"""What every page's template is given (stations/context_processors.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from stations.context_processors import portal
from stations.models import Notification
from stations.services import notification_send

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_visitor_gets_the_public_menu_and_no_staff_menu_or_count(settings):
    context = portal(_request(AnonymousUser()))
    assert context["PORTAL_CITY_NAME"] == settings.PORTAL_CITY_NAME
    assert context["staff_nav_items"] == [] and context["unread_notifications"] == 0


def test_staff_get_their_menu_and_their_unread_count(community_staff):
    Notification.objects.create(recipient=community_staff, kind="reminder", message="m", dedupe_key="k1")
    context = portal(_request(community_staff))
    assert context["staff_nav_items"]
    assert context["unread_notifications"] == 1  # a lazy count, read when the header shows it


def test_header_shows_the_unread_count(staff_client, community_staff):
    for key in ("a", "b"):
        notification_send(recipient=community_staff, kind="reminder", message="Case 12 is due", dedupe_key=key)
    response = staff_client.get(reverse("stations:dashboard"))
    assert 'title="Unread notifications">2</span>' in response.content.decode().replace(
        "未读通知", "Unread notifications"
    )
