"""The scheduled reminder of late commitments: one notification per late
commitment, however often it runs."""

import datetime as dt

import pytest
from django.utils import timezone

from partnerships.tasks import remind_late_commitments
from stations.models import Notification
from tests.factories.partnerships_network import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_the_recorder_of_a_late_commitment_is_reminded_once(community):
    late = CommitmentFactory(meeting__community=community, due_on=timezone.localdate() - dt.timedelta(days=1))

    remind_late_commitments()
    remind_late_commitments()

    assert Notification.objects.filter(recipient=late.meeting.recorded_by).count() == 1
