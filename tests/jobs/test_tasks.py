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


def test_an_expiry_reminder_that_could_not_be_sent_is_recorded_and_not_marked_sent(community, mail_server_down):
    from stations.background import DeliveryFailed

    today = timezone.localdate()
    posting = PostingFactory(
        employer__community=community, valid_until=today + dt.timedelta(days=2), contact_email="hr@example.cn"
    )
    with pytest.raises(DeliveryFailed):
        services.postings_remind_expiry(today=today)
    posting.refresh_from_db()
    assert posting.expiry_reminded_at is None
    assert "ConnectionRefusedError" in posting.expiry_reminder_error


def test_a_failed_expiry_reminder_is_sent_when_tried_again(community, mail_server_down, settings):
    from stations.background import DeliveryFailed

    today = timezone.localdate()
    posting = PostingFactory(
        employer__community=community, valid_until=today + dt.timedelta(days=2), contact_email="hr@example.cn"
    )
    with pytest.raises(DeliveryFailed):
        services.postings_remind_expiry(today=today)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    assert services.postings_remind_expiry(today=today) == 1
    posting.refresh_from_db()
    assert posting.expiry_reminded_at is not None and posting.expiry_reminder_error == ""
    assert len(mail.outbox) == 1


def test_the_reminder_task_retries_failed_sends():
    from jobs.tasks import remind_expiry
    from stations.background import DeliveryFailed

    assert DeliveryFailed in remind_expiry.autoretry_for


def test_a_job_alert_that_could_not_be_sent_is_recorded_and_sent_later(community, mail_server_down, settings):
    from stations.background import DeliveryFailed

    JobAlertFactory(resident=ResidentFactory(community=community), email="r@example.cn", email_consent=True)
    PostingFactory(employer__community=community)
    with pytest.raises(DeliveryFailed):
        services.job_alerts_run()
    match = JobAlertMatch.objects.get()
    assert match.emailed_at is None and "ConnectionRefusedError" in match.email_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.job_alerts_run()
    match.refresh_from_db()
    assert match.emailed_at is not None and match.email_error == ""
    assert len(mail.outbox) == 1


def test_a_resident_who_agreed_gets_one_job_alert_text_message_a_day(community, community_staff):
    from stations.models import TextConsent, TextMessage

    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    JobAlertFactory(resident=resident, occupation_category="housekeeping")
    PostingFactory(employer__community=community, occupation_category="housekeeping", title="家政服务员")
    PostingFactory(employer__community=community, occupation_category="housekeeping", title="保洁员")
    services.job_alerts_run(today=timezone.localdate())
    services.job_alerts_run(today=timezone.localdate())
    message = TextMessage.objects.get(resident=resident)
    assert message.template == "job_alert" and message.params["title"] in ("家政服务员", "保洁员")
