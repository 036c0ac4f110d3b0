import pytest
from django.core.exceptions import ValidationError

from stations.policy import parse_value
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"), [("12000", 12000), ("12,000", 12000), ("0.5", 0.5), (" 7 ", 7), ("1e3", 1000)]
)
def test_parse_value_reads_numbers(text, expected):
    from stations.policy import get_parameter

    assert parse_value(get_parameter(COMMUNITY_WORKERS_TARGET), text) == expected


@pytest.mark.parametrize("text", ["", "abc", "NaN", "Infinity"])
def test_parse_value_refuses_what_is_not_a_number(text):
    from stations.policy import get_parameter

    with pytest.raises(ValidationError):
        parse_value(get_parameter(COMMUNITY_WORKERS_TARGET), text)
