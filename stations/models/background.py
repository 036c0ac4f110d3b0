"""Work handed to the Celery workers, recorded in the database first.

A `TaskHandoff` row is written in the same transaction as the change that asks
for the work, so the work exists exactly when the change does. After the
commit the row is handed to the broker; when the broker cannot be reached the
row waits, and the relay (stations.services.background) hands it over later.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class HandoffState(models.TextChoices):
    PENDING = "pending", _("Waiting for a worker")
    SENT = "sent", _("Handed to the workers")
    STARTED = "started", pgettext_lazy("background task", "Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


UNFINISHED_HANDOFF_STATES = (HandoffState.PENDING, HandoffState.SENT, HandoffState.STARTED)


class TaskHandoff(models.Model):
    """One piece of background work: which task, with which arguments, about
    what (`key`), and how far it got."""

    task_name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict, blank=True)
    # What the work is about ("reports.build:42"): at most one unfinished
    # hand-off per key, so asking twice does the work once.
    key = models.CharField(_("key"), max_length=200, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=HandoffState, default=HandoffState.PENDING)
    # Times the row was given to the broker and times a worker started it.
    handovers = models.PositiveSmallIntegerField(_("hand-overs"), default=0)
    runs = models.PositiveSmallIntegerField(_("runs"), default=0)
    # While waiting: why the broker refused it. Once failed: the task's error.
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(state__in=["pending", "sent", "started"]),
                name="one_unfinished_handoff_per_key",
            ),
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="handoff_state_created")]

    def __str__(self):
        return f"{self.task_name} {self.key} ({self.state})"

    @property
    def celery_task_id(self) -> str:
        return f"{HANDOFF_TASK_ID_PREFIX}{self.pk}"


# Celery task ids of handed-off work: a worker finds its row from the id alone,
# and every hand-over of one row carries the same id.
HANDOFF_TASK_ID_PREFIX = "handoff-"


class Heartbeat(models.Model):
    """When a part of the background machinery was last heard of, one row per
    part: `beat` when beat handed the heartbeat task to the broker, `worker`
    when a worker ran it (every minute; /healthz reports their ages)."""

    BEAT = "beat"
    WORKER = "worker"

    name = models.CharField(_("name"), max_length=20, primary_key=True)
    at = models.DateTimeField(_("last heard of at"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.at.isoformat()}"
