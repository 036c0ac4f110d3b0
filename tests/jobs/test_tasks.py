import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jobs import services
from jobs.models import JobAlertMatch, Posting, PostingStatus
from stations.models import Notification
from tests.factories import ResidentFactory
from tests.factories.jobs import JobAlertFactory, PostingFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def test_expire_task_expires_postings_after_their_window(community):
    today = timezone.localdate()
    old = PostingFactory(
        employer__community=community, valid_from=today - dt.timedelta(days=9), valid_until=today - dt.timedelta(days=1)
    )
    current = PostingFactory(employer__community=community, valid_until=today)
    assert services.postings_expire(today=today) == 1
    assert services.postings_expire(today=today) == 0  # idempotent
    assert Posting.objects.get(pk=old.pk).status == PostingStatus.EXPIRED
    assert Posting.objects.get(pk=current.pk).status == PostingStatus.PUBLISHED


def test_expire_postings_command_runs_the_same_service(community):
    today = timezone.localdate()
    PostingFactory(
        employer__community=community, valid_from=today - dt.timedelta(days=9), valid_until=today - dt.timedelta(days=1)
    )
    call_command("expire_postings")
    assert Posting.objects.filter(status=PostingStatus.EXPIRED).count() == 1


def test_employers_are_reminded_once_before_expiry(community):
    today = timezone.localdate()
    PostingFactory(
        employer__community=community, valid_until=today + dt.timedelta(days=2), contact_email="hr@example.cn"
    )
    PostingFactory(
        employer__community=community, valid_until=today + dt.timedelta(days=20), contact_email="hr@example.cn"
    )
    assert services.postings_remind_expiry(today=today) == 1
    assert services.postings_remind_expiry(today=today) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hr@example.cn"]


def test_unanswered_recommendations_are_flagged_once_to_their_staff(community, community_staff):
    today = timezone.localdate()
    rec = RecommendationFactory(
        resident=ResidentFactory(community=community),
        posting=PostingFactory(employer__community=community),
        staff=community_staff,
        recommended_on=today - dt.timedelta(days=20),
    )
    RecommendationFactory(
        resident=ResidentFactory(community=community), posting=rec.posting, staff=community_staff, recommended_on=today
    )
    assert services.recommendations_flag_no_answer(today=today) == 1
    assert services.recommendations_flag_no_answer(today=today) == 0
    note = Notification.objects.get()
    assert note.recipient == community_staff and note.dedupe_key == f"jobs.rec-no-answer:{rec.pk}"


def test_job_alerts_list_new_live_postings_for_staff_and_never_expired_ones(community, community_staff):
    today = timezone.localdate()
    alert = JobAlertFactory(
        resident=ResidentFactory(community=community),
        occupation_category="housekeeping",
        email="r@example.cn",
        email_consent=True,
    )
    live = PostingFactory(employer__community=community, occupation_category="housekeeping")
    PostingFactory(employer__community=community, occupation_category="housekeeping", status=PostingStatus.FILLED)
    PostingFactory(employer__community=community, occupation_category="retail")
    assert services.job_alerts_run(today=today) == 1
    assert list(JobAlertMatch.objects.values_list("alert", "posting")) == [(alert.pk, live.pk)]
    services.job_alerts_run(today=today)
    assert JobAlertMatch.objects.count() == 1
    assert Notification.objects.filter(recipient=community_staff, kind="jobs.alert_digest").count() == 1
    assert len(mail.outbox) == 1


def test_job_alert_email_is_not_sent_without_consent(community, community_staff):
    JobAlertFactory(resident=ResidentFactory(community=community), email="", email_consent=False)
    PostingFactory(employer__community=community)
    services.job_alerts_run()
    assert mail.outbox == []
