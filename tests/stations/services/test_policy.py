"""Policy parameter values set by the city bureau (stations/services/policy.py)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stations.models import AuditEntry
from stations.policy import policy_value
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from tests.factories.policy import policy_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("schedule_parameter")]


def test_city_bureau_sets_a_value_that_applies_from_its_date(city_bureau):
    today = timezone.localdate()
    policy_set(city_bureau, 20, valid_from=today + dt.timedelta(days=10))
    assert policy_value(COMMUNITY_WORKERS_TARGET, on=today) == 18
    assert policy_value(COMMUNITY_WORKERS_TARGET, on=today + dt.timedelta(days=10)) == 20


def test_setting_a_value_is_audited_with_old_and_new(city_bureau):
    policy_set(city_bureau, 20, note="枣人社字〔2025〕1号")
    entry = AuditEntry.objects.get(object_repr=f"policy:{COMMUNITY_WORKERS_TARGET}")
    assert entry.changes["value"] == [18, 20]


def test_district_bureau_cannot_set_a_value(district_bureau):
    with pytest.raises(PermissionDenied):
        policy_set(district_bureau, 20)


def test_a_number_parameter_refuses_text(city_bureau):
    with pytest.raises(ValidationError) as exc:
        policy_set(city_bureau, "twenty")
    assert "value" in exc.value.message_dict


def test_a_parameters_validator_is_applied(city_bureau):
    with pytest.raises(ValidationError):
        policy_set(city_bureau, 0)


def test_an_unknown_key_is_a_validation_error(city_bureau):
    with pytest.raises(ValidationError) as exc:
        policy_set(city_bureau, 1, key="no.such.key")
    assert "key" in exc.value.message_dict
