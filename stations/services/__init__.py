"""Write operations of the base app, one module per area. Views, forms,
serializers and tasks call these; they validate, write the audit trail and
run in one transaction."""

from .accounts import staff_account_deactivate
from .background import task_hand_off
from .notifications import (
    NotificationItem,
    notification_mark_read,
    notification_send,
    notifications_mark_all_read,
    notifications_send_bulk,
)
from .policy import policy_parameter_set
from .residents import resident_employment_status_change, service_record_create
from .stations import related_site_save, station_save

__all__ = [
    "NotificationItem",
    "notification_mark_read",
    "notification_send",
    "notifications_mark_all_read",
    "notifications_send_bulk",
    "policy_parameter_set",
    "related_site_save",
    "resident_employment_status_change",
    "service_record_create",
    "staff_account_deactivate",
    "station_save",
    "task_hand_off",
]
