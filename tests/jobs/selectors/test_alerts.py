"""Reads of residents' saved searches and what they found."""

import datetime as dt

from django.utils import timezone

from jobs import selectors
from jobs.models import JobAlertMatch
from tests.factories.jobs import JobAlertFactory, PostingFactory


def test_the_days_matches_are_those_of_the_users_area(community_staff, community, far_community):
    today = timezone.localdate()
    posting = PostingFactory(employer__community=community)
    mine = JobAlertMatch.objects.create(
        alert=JobAlertFactory(resident__community=community), posting=posting, found_on=today
    )
    JobAlertMatch.objects.create(
        alert=JobAlertFactory(resident__community=far_community), posting=posting, found_on=today
    )
    JobAlertMatch.objects.create(
        alert=mine.alert, posting=PostingFactory(employer__community=community), found_on=today - dt.timedelta(days=1)
    )

    assert list(selectors.alert_matches(user=community_staff, day=today)) == [mine]


def test_a_residents_saved_searches_are_theirs_alone(community):
    alert = JobAlertFactory(resident__community=community)
    JobAlertFactory(resident__community=community)

    assert list(selectors.resident_alerts(resident=alert.resident)) == [alert]
