"""Write operations of training. Views, forms, serializers and tasks call
these; each validates, writes the audit trail and runs in one transaction."""

from .catalogue import catalogue_create, catalogue_publish, catalogue_update, course_delete, course_save, provider_save
from .classes import training_class_notify_prospects, training_class_save, training_class_step
from .enrolments import class_push_to_resident, enrolment_create, enrolment_record_result
from .needs import join_request_handle, join_request_submit, training_need_record
from .reminders import class_start_reminders_send

__all__ = [
    "catalogue_create",
    "class_start_reminders_send",
    "catalogue_publish",
    "catalogue_update",
    "class_push_to_resident",
    "course_delete",
    "course_save",
    "enrolment_create",
    "enrolment_record_result",
    "join_request_handle",
    "join_request_submit",
    "provider_save",
    "training_class_notify_prospects",
    "training_class_save",
    "training_class_step",
    "training_need_record",
]
