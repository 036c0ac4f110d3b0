import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jobs.models import FairSignUp
from tests.factories.jobs import JobFairFactory

pytestmark = pytest.mark.django_db


def test_a_fair_needs_a_place_or_an_online_link_and_cannot_end_before_it_starts(community):
    fair = JobFairFactory.build(community=community, place="", online_link="")
    fair.ends_at = fair.starts_at - dt.timedelta(hours=1)

    with pytest.raises(ValidationError) as exc:
        fair.full_clean()

    assert {"place", "ends_at"} <= set(exc.value.message_dict)


def test_a_sign_up_needs_a_name_of_two_characters_and_a_mobile(community):
    signup = FairSignUp(fair=JobFairFactory(community=community), name=" 赵 ", phone="12345")

    with pytest.raises(ValidationError) as exc:
        signup.full_clean()

    assert {"name", "phone"} <= set(exc.value.message_dict)
