"""The notification centre (stations/views/notifications.py): each account's own
notifications, marked read one by one or all at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import Notification
from stations.services import notification_send
from tests.factories.notifications import notify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sms_outbox")]


def test_centre_lists_only_the_users_own_notifications(staff_client, community_staff, other_community_staff):
    notify(community_staff, key="mine")
    notification_send(recipient=other_community_staff, kind="x", message="Not yours", dedupe_key="theirs")
    response = staff_client.get(reverse("stations:notification_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Case 12 is due" in body
    assert "Not yours" not in body


def test_centre_list_uses_a_fixed_number_of_queries(
    staff_client, community_staff, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("stations:notification_list")
    staff_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            notify(community_staff, key=f"q{i}")
    with CaptureQueriesContext(connection) as captured:
        staff_client.get(url)
    for i in range(3, 30):
        notify(community_staff, key=f"q{i}")
    with django_assert_num_queries(len(captured)):
        staff_client.get(url)


def test_marking_one_read_leaves_the_others_unread(staff_client, community_staff):
    first, _ = notify(community_staff, key="a")
    second, _ = notify(community_staff, key="b")
    response = staff_client.post(reverse("stations:notification_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(staff_client, community_staff):
    notification, _ = notify(community_staff)
    response = staff_client.post(reverse("stations:notification_read", args=[notification.pk]), {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_opening_does_not_follow_a_link_to_another_site(staff_client, community_staff):
    notification, _ = notification_send(
        recipient=community_staff, kind="x", message="m", link="https://evil.example/", dedupe_key="evil"
    )
    response = staff_client.post(reverse("stations:notification_read", args=[notification.pk]), {"open": "1"})
    assert response["Location"] == reverse("stations:notification_list")


def test_someone_elses_notification_cannot_be_marked_read(staff_client, other_community_staff):
    theirs, _ = notification_send(recipient=other_community_staff, kind="x", message="m", dedupe_key="theirs")
    response = staff_client.post(reverse("stations:notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_marks_only_the_users_notifications(staff_client, community_staff, other_community_staff):
    notify(community_staff, key="a")
    notify(community_staff, key="b")
    theirs, _ = notification_send(recipient=other_community_staff, kind="x", message="m", dedupe_key="theirs")
    response = staff_client.post(reverse("stations:notification_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=community_staff, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(staff_client, community_staff):
    notification, _ = notify(community_staff)
    assert staff_client.get(reverse("stations:notification_read", args=[notification.pk])).status_code == 405
