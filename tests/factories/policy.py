from django.core.exceptions import ValidationError
from django.utils import timezone

from stations.policy import declare
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from stations.services import policy_parameter_set

# A parameter whose value is a structure ({months: count}), declared by the
# schedule_parameter fixture (tests/stations/conftest.py).
SCHEDULE_KEY = "tests.schedule"


def declare_schedule():
    def validate(value):
        if not all(isinstance(v, int) and v >= 0 for v in value.values()):
            raise ValidationError("Every count must be a whole number of 0 or more.")

    return declare(SCHEDULE_KEY, default={"3": 1, "12": 3}, label="Test schedule", validator=validate)


def policy_set(actor, value, *, key=COMMUNITY_WORKERS_TARGET, valid_from=None, note=""):
    """Set a policy parameter as the city bureau does, from today unless `valid_from`."""
    return policy_parameter_set(
        actor=actor, key=key, value=value, valid_from=valid_from or timezone.localdate(), note=note
    )
