"""Handed-off work and heartbeats (stations/models/background.py)."""

import pytest

from stations.models import TaskHandoff
from stations.services.background import task_hand_off

pytestmark = pytest.mark.django_db


def test_every_hand_over_of_one_row_carries_one_celery_task_id(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        handoff = task_hand_off(task="stations.tasks.text_message_send", key="k1", kwargs={"message_id": 1})
    assert handoff.celery_task_id == f"handoff-{handoff.pk}"
    assert TaskHandoff.objects.get(pk=handoff.pk).celery_task_id == handoff.celery_task_id
