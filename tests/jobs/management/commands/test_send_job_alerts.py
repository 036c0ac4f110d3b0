import io

import pytest
from django.core.management import call_command

from jobs.models import JobAlertMatch
from tests.factories import ResidentFactory
from tests.factories.jobs import JobAlertFactory, PostingFactory

pytestmark = pytest.mark.django_db


def test_the_command_matches_a_new_live_posting_to_the_alert_that_asks_for_it(community, community_staff):
    alert = JobAlertFactory(resident=ResidentFactory(community=community), occupation_category="housekeeping")
    posting = PostingFactory(employer__community=community, occupation_category="housekeeping")
    PostingFactory(employer__community=community, occupation_category="retail")
    out = io.StringIO()

    call_command("send_job_alerts", stdout=out)

    assert list(JobAlertMatch.objects.values_list("alert", "posting")) == [(alert.pk, posting.pk)]
    assert out.getvalue().strip() == "1"
