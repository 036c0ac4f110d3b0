import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Posting, PostingStatus
from tests.factories.jobs import PostingFactory

pytestmark = pytest.mark.django_db


def test_expire_postings_command_runs_the_same_service(community):
    today = timezone.localdate()
    PostingFactory(
        employer__community=community, valid_from=today - dt.timedelta(days=9), valid_until=today - dt.timedelta(days=1)
    )
    call_command("expire_postings")
    assert Posting.objects.filter(status=PostingStatus.EXPIRED).count() == 1
