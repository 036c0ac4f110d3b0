import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from stations.models import Notification
from tests.factories import ResidentFactory
from tests.factories.jobs import PostingFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def test_the_command_tells_the_staff_of_a_recommendation_left_without_an_answer(community, community_staff):
    rec = RecommendationFactory(
        resident=ResidentFactory(community=community),
        posting=PostingFactory(employer__community=community),
        staff=community_staff,
        recommended_on=timezone.localdate() - dt.timedelta(days=20),
    )
    out = io.StringIO()

    call_command("flag_unanswered_recommendations", stdout=out)

    assert out.getvalue().strip() == "1"
    assert Notification.objects.get().dedupe_key == f"jobs.rec-no-answer:{rec.pk}"
