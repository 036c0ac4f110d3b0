"""Notifications sent by e-mail and SMS (stations/services/notifications.py)."""

import pytest
from django.core import mail
from django.test import override_settings

from stations.models import Notification
from stations.services import NotificationItem, notification_send, notifications_send_bulk
from stations.sms import MemorySmsBackend
from tests.factories import UserFactory
from tests.factories.notifications import notify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sms_outbox")]


MEMORY_SMS = "stations.sms.MemorySmsBackend"


def test_notification_send_inserts_once_per_dedupe_key(community_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created = notify(community_staff)
        again, created_again = notify(community_staff)
    assert created and not created_again
    assert first.pk == again.pk
    assert Notification.objects.filter(recipient=community_staff).count() == 1


def test_notification_send_emails_a_recipient_with_an_address(community_staff, django_capture_on_commit_callbacks):
    community_staff.email = "staff@example.cn"
    community_staff.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(community_staff)
        notify(community_staff)  # same key: no second mail
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff@example.cn"]
    assert "Case 12 is due" in mail.outbox[0].body


def test_notification_send_sends_no_email_without_an_address(community_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(community_staff)
    assert mail.outbox == []


@override_settings(PORTAL_SMS_BACKEND=MEMORY_SMS)
def test_notification_send_texts_through_the_configured_sms_backend(
    community_staff, django_capture_on_commit_callbacks
):
    community_staff.phone = "13912345678"
    community_staff.save(update_fields=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(community_staff)
    assert [m.phone for m in MemorySmsBackend.outbox] == ["13912345678"]


def test_notification_is_not_delivered_when_the_transaction_rolls_back(
    community_staff, django_capture_on_commit_callbacks
):
    community_staff.email = "staff@example.cn"
    community_staff.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(community_staff)
    assert len(callbacks) == 1  # delivery waits for the commit
    assert mail.outbox == []


def test_bulk_send_skips_used_keys_and_counts_new_ones(community_staff, django_capture_on_commit_callbacks):
    other = UserFactory()
    notify(community_staff, key="r-1")
    items = [
        NotificationItem(recipient_id=community_staff.pk, kind="reminder", message="a", dedupe_key="r-1"),
        NotificationItem(recipient_id=community_staff.pk, kind="reminder", message="b", dedupe_key="r-2"),
        NotificationItem(recipient_id=other.pk, kind="reminder", message="c", dedupe_key="r-3"),
        NotificationItem(recipient_id=other.pk, kind="reminder", message="c", dedupe_key="r-3"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_send_bulk(items) == 2
        assert notifications_send_bulk(items) == 0
    assert Notification.objects.count() == 3


def test_bulk_send_uses_a_fixed_number_of_queries(community_staff, django_assert_max_num_queries):
    items = [
        NotificationItem(recipient_id=community_staff.pk, kind="reminder", message=f"m{i}", dedupe_key=f"bulk-{i}")
        for i in range(300)
    ]
    # One more than the rows' inserts: the recipients' addresses decide the channels.
    with django_assert_max_num_queries(9):
        notifications_send_bulk(items)


def test_bulk_send_emails_only_new_notifications(community_staff, django_capture_on_commit_callbacks):
    community_staff.email = "staff@example.cn"
    community_staff.save(update_fields=["email"])
    item = NotificationItem(recipient_id=community_staff.pk, kind="reminder", message="x", dedupe_key="e-1")
    with django_capture_on_commit_callbacks(execute=True):
        notifications_send_bulk([item])
        notifications_send_bulk([item])
    assert len(mail.outbox) == 1


def test_a_notification_e_mail_that_could_not_be_sent_is_recorded_as_failed(
    community_staff, mail_server_down, django_capture_on_commit_callbacks
):
    from stations.models import DeliveryStatus

    community_staff.email = "staff@example.cn"
    community_staff.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notification, _ = notification_send(recipient=community_staff, kind="k", message="m", dedupe_key="fail-1")
    notification.refresh_from_db()
    assert notification.email_status == DeliveryStatus.FAILED
    assert "ConnectionRefusedError" in notification.delivery_error
    assert notification.delivered_at is None


def test_a_failed_notification_e_mail_is_sent_on_retry_and_a_sent_one_never_again(
    community_staff, mail_server_down, settings, django_capture_on_commit_callbacks
):
    from stations.models import DeliveryStatus
    from stations.services.notifications import notifications_deliver

    community_staff.email = "staff@example.cn"
    community_staff.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notification, _ = notification_send(recipient=community_staff, kind="k", message="m", dedupe_key="fail-2")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    assert notifications_deliver(notification_ids=[notification.pk]) == 1
    assert notifications_deliver(notification_ids=[notification.pk]) == 0
    notification.refresh_from_db()
    assert notification.email_status == DeliveryStatus.SENT and notification.delivery_error == ""
    assert len(mail.outbox) == 1


def test_delivery_raises_so_its_task_retries_when_a_message_failed(community_staff, mail_server_down):
    from stations.background import DeliveryFailed
    from stations.services.notifications import notifications_deliver

    community_staff.email = "staff@example.cn"
    community_staff.save(update_fields=["email"])
    notification, _ = notification_send(recipient=community_staff, kind="k", message="m", dedupe_key="fail-3")
    with pytest.raises(DeliveryFailed):
        notifications_deliver(notification_ids=[notification.pk])


def test_an_sms_the_gateway_refuses_is_recorded_as_failed(
    community_staff, settings, django_capture_on_commit_callbacks
):
    from stations.models import DeliveryStatus

    settings.PORTAL_SMS_BACKEND = "tests.stations.services.test_notifications.RefusingSmsBackend"
    community_staff.phone = "13812345678"
    community_staff.save(update_fields=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        notification, _ = notification_send(recipient=community_staff, kind="k", message="m", dedupe_key="sms-1")
    notification.refresh_from_db()
    assert notification.sms_status == DeliveryStatus.FAILED
    assert "did not accept" in notification.delivery_error


class RefusingSmsBackend:
    """A gateway that answers but accepts nothing (send_messages returns 0)."""

    def send_messages(self, messages):
        return 0


def test_an_sms_is_not_claimed_sent_when_no_gateway_is_set_up(
    community_staff, settings, django_capture_on_commit_callbacks
):
    from stations.models import DeliveryStatus

    settings.PORTAL_SMS_BACKEND = "stations.sms.LoggingSmsBackend"  # the default: it only logs
    community_staff.phone = "13812345678"
    community_staff.save(update_fields=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        notification, _ = notification_send(recipient=community_staff, kind="k", message="m", dedupe_key="sms-2")
    notification.refresh_from_db()
    assert notification.sms_status == DeliveryStatus.NONE
