import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone, translation

from jobs import services
from jobs.models import (
    JobAlertMatch,
    Placement,
    PostingStatus,
    Recommendation,
    RecommendationState,
)
from stations.closed_months import ClosedMonthError
from stations.models import (
    AuditAction,
    AuditEntry,
    Notification,
    Role,
    ServiceRecord,
)
from tests.factories import ResidentFactory, UserFactory
from tests.factories.jobs import (
    JobAlertFactory,
    PostingFactory,
    RecommendationFactory,
)
from tests.factories.reports import close_month, day_in


def test_the_same_posting_cannot_be_recommended_twice(community_staff, seeker, posting):
    services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    with pytest.raises(ValidationError):
        services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    assert ServiceRecord.objects.count() == 1


def test_an_unpublished_posting_cannot_be_recommended(community_staff, seeker, community):
    draft = PostingFactory(employer__community=community, status=PostingStatus.DRAFT, published_at=None)
    with pytest.raises(ValidationError):
        services.recommendation_create(actor=community_staff, resident=seeker, posting=draft)
    assert ServiceRecord.objects.count() == 0


def test_rejection_needs_a_coded_reason(community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    with pytest.raises(ValidationError):
        services.recommendation_transition(actor=community_staff, recommendation=rec, transition="reject")
    rec = services.recommendation_transition(
        actor=community_staff, recommendation=rec, transition="reject", reason="salary"
    )
    assert rec.state == RecommendationState.REJECTED and rec.rejection_reason == "salary"


def test_transitions_follow_the_declared_workflow_and_are_logged(community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    services.recommendation_transition(actor=community_staff, recommendation=rec, transition="interview")
    services.recommendation_transition(actor=community_staff, recommendation=rec, transition="reject", reason="other")
    with pytest.raises(ValidationError):
        services.recommendation_transition(actor=community_staff, recommendation=rec, transition="interview")
    steps = list(rec.transitions.values_list("from_state", "to_state"))
    assert steps == [("", "recommended"), ("recommended", "interview"), ("interview", "rejected")]


def test_a_step_the_state_does_not_allow_is_refused_naming_the_state(community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    services.recommendation_transition(actor=community_staff, recommendation=rec, transition="reject", reason="salary")

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.recommendation_transition(actor=community_staff, recommendation=rec, transition="no_answer")

    assert refused.value.code == "state"
    assert refused.value.messages == ["This record is already “Not taken on”; “No answer” cannot be taken now."]
    rec.refresh_from_db()
    assert rec.state == RecommendationState.REJECTED


def test_a_rejection_keeps_its_reason_in_the_log_and_the_audit_entry(community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)

    services.recommendation_transition(
        actor=community_staff, recommendation=rec, transition="reject", reason="hours", note="夜班"
    )

    logged = rec.transitions.get(name="reject")
    assert (logged.reason, logged.note, logged.user) == ("hours", "夜班", community_staff)
    entry = AuditEntry.objects.get(action=AuditAction.TRANSITION, object_id=str(rec.pk))
    assert entry.changes == {"state": ["recommended", "rejected"], "step": "reject", "reason": "hours"}


def test_a_step_taken_from_a_stale_page_after_a_colleagues_is_refused(community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    stale = Recommendation.objects.get(pk=rec.pk)
    services.recommendation_transition(actor=community_staff, recommendation=rec, transition="reject", reason="salary")

    with pytest.raises(ValidationError) as refused:
        services.recommendation_transition(actor=community_staff, recommendation=stale, transition="interview")

    assert refused.value.code == "state"
    assert rec.transitions.count() == 2  # "recommend" and the one rejection


@pytest.mark.django_db(transaction=True)
def test_two_outcomes_recorded_at_once_let_only_the_first_through(community_staff, seeker, posting):
    """Needs PostgreSQL's row locks (SQLite serialises writers by locking the whole file, which proves nothing)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community_staff.community)
    barrier = threading.Barrier(2)
    outcomes = []

    def take(actor, step):
        try:
            barrier.wait(timeout=10)
            services.recommendation_transition(actor=actor, recommendation=rec, transition=step, reason="other")
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=take, args=(community_staff, "reject")),
        threading.Thread(target=take, args=(colleague, "no_answer")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcomes) == ["done", "refused"]
    assert Recommendation.objects.get(pk=rec.pk).transitions.count() == 2


def test_a_recommendation_dated_in_a_closed_month_is_refused(community_staff, employer, month):
    posting = PostingFactory(employer=employer, valid_from=month.start - dt.timedelta(days=1))
    resident = ResidentFactory(community=employer.community)
    close_month(community=employer.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        services.recommendation_create(
            actor=community_staff, resident=resident, posting=posting, recommended_on=day_in(month)
        )
    assert not Recommendation.objects.exists()
    assert not ServiceRecord.objects.exists()


def test_a_hire_that_started_in_a_closed_month_is_refused(community_staff, employer, month):
    posting = PostingFactory(employer=employer, status=PostingStatus.PUBLISHED)
    resident = ResidentFactory(community=employer.community)
    recommendation = RecommendationFactory(
        resident=resident, posting=posting, recommended_on=day_in(month, 2), staff=community_staff
    )
    close_month(community=employer.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        services.recommendation_transition(
            actor=community_staff,
            recommendation=recommendation,
            transition="hire",
            started_on=day_in(month, 20),
            contract_months=12,
        )
    recommendation.refresh_from_db()
    assert recommendation.state == RecommendationState.RECOMMENDED
    assert not Placement.objects.exists()


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
