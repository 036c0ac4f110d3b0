"""Text messages to residents about their classes (stations.services.messaging)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from stations.messaging.templates import CLASS_START
from stations.services.messaging import text_message_queue
from training.models import ClassStatus, Enrolment, EnrolmentStatus


def class_start_reminders_send(*, today: dt.date | None = None) -> int:
    """Daily: text every resident enrolled in a class that starts tomorrow
    (and is not cancelled). Once per enrolment and start date, so a second
    run, or a class moved to another day and back, sends no repeat; residents
    without consent get a withheld record. Returns how many were queued."""
    today = today or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    enrolments = (
        Enrolment.objects.filter(
            status=EnrolmentStatus.ENROLLED,
            training_class__start_date=tomorrow,
            training_class__status__in=(ClassStatus.PLANNED, ClassStatus.OPEN, ClassStatus.RUNNING),
            resident__removed_at__isnull=True,
        )
        .select_related("resident", "training_class__course")
        .order_by("pk")
    )
    queued = 0
    with transaction.atomic():
        for enrolment in enrolments:
            training_class = enrolment.training_class
            message = text_message_queue(
                resident=enrolment.resident,
                template=CLASS_START,
                params={
                    "course": training_class.title,
                    "date": f"{tomorrow.month}月{tomorrow.day}日",
                    "place": training_class.place,
                },
                key=f"training.class-start:{enrolment.pk}:{tomorrow.isoformat()}",
            )
            queued += message is not None
    return queued
