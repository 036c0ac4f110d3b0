"""Celery application. The beat schedule lives here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each entry also has a management command, so cron-only sites can run it.
app.conf.beat_schedule = {}


def register_beat(name: str, task: str, schedule: crontab) -> None:
    """Apps add their scheduled jobs from AppConfig.ready()."""
    app.conf.beat_schedule[name] = {"task": task, "schedule": schedule}
