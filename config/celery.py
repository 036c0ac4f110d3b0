"""Celery application. Settings (including the beat schedule) come from
config/settings.py under the CELERY_ namespace."""

import os

from celery import Celery
from celery.signals import after_task_publish, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _relay_when_a_worker_starts(**kwargs):
    """Work recorded while no worker (or no broker) was there goes out now."""
    from stations.background import relay_on_worker_start

    relay_on_worker_start()


@after_task_publish.connect
def _heartbeat_when_beat_publishes(sender=None, **kwargs):
    """Beat's side of the heartbeat: beat is the only sender of this task, so
    its publication is beat's pulse (/healthz reports its age)."""
    from stations.background import HEARTBEAT_TASK, record_beat_heartbeat

    if sender == HEARTBEAT_TASK:
        record_beat_heartbeat()
