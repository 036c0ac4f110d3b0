"""The run_schedule command: beat in this process only where there is no broker."""

import io

from django.core.management import call_command
from django.utils import translation


def test_with_a_broker_configured_the_command_leaves_the_schedule_to_celery_beat(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    out = io.StringIO()
    with translation.override("en"):
        call_command("run_schedule", stdout=out)
    assert "runs in celery beat" in out.getvalue()
