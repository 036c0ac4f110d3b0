import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobs.models import PostingStatus
from stations.services import policy_parameter_set
from tests.factories.jobs import PostingFactory

pytestmark = pytest.mark.django_db


def test_the_command_takes_postings_under_a_raised_minimum_wage_back_to_review(community, city_bureau):
    underpaid = PostingFactory(employer__community=community, salary_min=2150)
    policy_parameter_set(
        actor=city_bureau, key="jobs.minimum_wage_monthly", value=2200, valid_from=timezone.localdate()
    )
    out = io.StringIO()

    call_command("withdraw_unlawful_postings", stdout=out)

    underpaid.refresh_from_db()
    assert underpaid.status == PostingStatus.PENDING
    assert out.getvalue().strip() == "1"
