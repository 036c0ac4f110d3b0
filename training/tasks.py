"""Background jobs of training: thin, take ids, idempotent."""

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=60, acks_late=True)
def notify_class_prospects(self, class_id: int) -> int:
    """Tell community staff whom to call about a newly opened class."""
    from training.models import TrainingClass
    from training.services import training_class_notify_prospects

    training_class = TrainingClass.objects.filter(pk=class_id).select_related("course").first()
    if training_class is None:
        return 0
    try:
        return training_class_notify_prospects(training_class=training_class)
    except Exception as exc:  # a database hiccup: try again a few times
        raise self.retry(exc=exc) from exc
