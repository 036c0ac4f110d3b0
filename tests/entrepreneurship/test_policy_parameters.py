import datetime as dt

import pytest
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


def test_city_cannot_set_the_startup_subsidy_below_the_plans_floor(city_bureau):
    from stations.services import policy_parameter_set

    with pytest.raises(ValidationError) as excinfo:
        policy_parameter_set(
            actor=city_bureau,
            key="entrepreneurship.startup_subsidy_micro_enterprise",
            value=10000,
            valid_from=dt.date.today(),
        )
    assert "12,000" in excinfo.value.message_dict["value"][0]
