"""Background jobs of training: thin, take ids, idempotent."""

from celery import shared_task

from stations.background import RETRY_POLICY, DurableTask


@shared_task(name="training.tasks.notify_class_prospects", base=DurableTask, acks_late=True, **RETRY_POLICY)
def notify_class_prospects(class_id: int) -> int:
    """Tell community staff whom to call about a newly opened class.
    Idempotent by the notifications' dedupe keys (class, staff member)."""
    from training.models import TrainingClass
    from training.services import training_class_notify_prospects

    training_class = TrainingClass.objects.filter(pk=class_id).select_related("course").first()
    if training_class is None:
        return 0
    return training_class_notify_prospects(training_class=training_class)


@shared_task(name="training.tasks.remind_class_start", **RETRY_POLICY)
def remind_class_start() -> int:
    """Daily (beat, in the morning): text residents whose class starts
    tomorrow. Idempotent by each message's key (enrolment, start date)."""
    from training.services import class_start_reminders_send

    return class_start_reminders_send()
