"""Postings: no unlawful job is published, by any role; screening on save;
expiry, reminders and withdrawal under a raised minimum wage; what a closed
month keeps."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobs import services
from jobs.models import Posting, PostingStatus
from jobs.services import posting_publish, posting_save, postings_withdraw_unlawful
from stations.closed_months import ClosedMonthError
from stations.models import AuditAction, AuditEntry, Role
from tests.factories import UserFactory
from tests.factories.jobs import PostingFactory
from tests.factories.reports import close_month, day_in
from tests.jobs.conftest import draft_posting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.COMMUNITY_STAFF, Role.STREET_OFFICER])
def test_nobody_who_reviews_can_publish_pay_below_the_minimum_with_a_note(role, community):
    reviewer = UserFactory(
        role=role,
        community=community if role == Role.COMMUNITY_STAFF else None,
        street=community.street if role == Role.STREET_OFFICER else None,
    )
    posting = draft_posting(community)
    with pytest.raises(ValidationError) as excinfo:
        posting_publish(actor=reviewer, posting=posting, note="社区核实过，企业承诺补足")
    assert "1000" in " ".join(excinfo.value.messages) and "2100" in " ".join(excinfo.value.messages)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


@pytest.mark.parametrize("role", [Role.DISTRICT_BUREAU, Role.CITY_BUREAU])
def test_bureaus_do_not_publish_postings_at_all(role, community):
    bureau = UserFactory(
        role=role, community=None, district=community.street.district if role == "district_bureau" else None
    )
    with pytest.raises(PermissionDenied):
        posting_publish(actor=bureau, posting=draft_posting(community), note="ok")


def test_hourly_pay_below_the_hourly_minimum_cannot_be_published(community, community_staff):
    posting = draft_posting(community, salary_min=15, salary_max=18, pay_unit="hour", work_pattern="part_time")
    with pytest.raises(ValidationError):
        posting_publish(actor=community_staff, posting=posting, note="学生兼职")


def test_lawful_hourly_part_time_work_is_published(community, community_staff):
    posting = draft_posting(community, salary_min=22, salary_max=25, pay_unit="hour", work_pattern="part_time")
    published = posting_publish(actor=community_staff, posting=posting)
    assert published.status == PostingStatus.PUBLISHED


def test_a_draft_with_a_blocking_flag_is_kept_for_fixing_with_its_flags(community, community_staff):
    posting = draft_posting(community, requirements="限男性")
    posting.title = "搬运工"
    saved = posting_save(actor=community_staff, posting=posting)
    assert saved.screening_blocked and {f["code"] for f in saved.screening_flags} == {"below_minimum_wage", "sex"}


def test_a_raised_minimum_wage_takes_underpaid_postings_off_the_public_market(community, city_bureau):
    from stations.services import policy_parameter_set

    underpaid = PostingFactory(employer__community=community, salary_min=2150)
    fine = PostingFactory(employer__community=community, salary_min=3000)
    today = timezone.localdate()
    policy_parameter_set(actor=city_bureau, key="jobs.minimum_wage_monthly", value=2200, valid_from=today)
    assert postings_withdraw_unlawful(today=today) == 1
    assert postings_withdraw_unlawful(today=today) == 0
    underpaid.refresh_from_db()
    fine.refresh_from_db()
    assert underpaid.status == PostingStatus.PENDING and underpaid.screening_blocked
    assert fine.status == PostingStatus.PUBLISHED
    entry = AuditEntry.objects.get(object_id=str(underpaid.pk))
    assert entry.changes == {"status": ["published", "pending"], "flags": ["below_minimum_wage"]}


def test_a_minimum_wage_raised_from_a_later_date_waits_for_that_date(community, city_bureau):
    from stations.services import policy_parameter_set

    PostingFactory(employer__community=community, salary_min=2150)
    today = timezone.localdate()
    policy_parameter_set(
        actor=city_bureau, key="jobs.minimum_wage_monthly", value=2200, valid_from=today + dt.timedelta(days=30)
    )
    assert postings_withdraw_unlawful(today=today) == 0
    assert postings_withdraw_unlawful(today=today + dt.timedelta(days=30)) == 1


def test_a_posting_published_in_a_closed_month_keeps_its_headcount(community_staff, employer, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    posting = PostingFactory(employer=employer, headcount=2, published_at=published)
    close_month(community=employer.community, by=community_staff)
    posting.headcount = 6
    with pytest.raises(ClosedMonthError):
        services.posting_save(actor=community_staff, posting=posting)
    posting.refresh_from_db()
    assert posting.headcount == 2


def test_a_posting_published_in_a_closed_month_can_still_get_a_new_contact(community_staff, employer, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    posting = PostingFactory(employer=employer, published_at=published)
    close_month(community=employer.community, by=community_staff)
    posting.contact_name = "赵主任"
    services.posting_save(actor=community_staff, posting=posting)
    posting.refresh_from_db()
    assert posting.contact_name == "赵主任"


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


S = PostingStatus


def test_publishing_a_pending_posting_writes_one_transition_entry(community, community_staff):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    services.posting_step(actor=community_staff, posting=posting, step="publish", note="checked")

    posting.refresh_from_db()
    assert (posting.status, posting.reviewed_by, posting.review_note) == (S.PUBLISHED, community_staff, "checked")
    entry = AuditEntry.objects.get(object_id=str(posting.pk), action=AuditAction.TRANSITION)
    assert entry.changes["status"] == [S.PENDING, S.PUBLISHED] and entry.changes["step"] == "publish"


def test_rejecting_keeps_the_reason_with_the_step(community, community_staff):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    services.posting_step(actor=community_staff, posting=posting, step="reject", note="工资低于最低工资")

    posting.refresh_from_db()
    assert (posting.status, posting.review_note) == (S.REJECTED, "工资低于最低工资")
    assert AuditEntry.objects.get(object_id=str(posting.pk)).changes["reason"] == "工资低于最低工资"


def test_a_step_the_table_does_not_allow_from_the_status_is_refused(community, community_staff):
    posting = PostingFactory(employer__community=community, status=S.FILLED)

    with pytest.raises(ValidationError):
        services.posting_step(actor=community_staff, posting=posting, step="publish")

    posting.refresh_from_db()
    assert posting.status == S.FILLED
    assert not AuditEntry.objects.filter(object_id=str(posting.pk)).exists()


def test_a_posting_of_another_area_is_refused(far_community, community_staff):
    posting = PostingFactory(employer__community=far_community)

    with pytest.raises(ValidationError):
        services.posting_step(actor=community_staff, posting=posting, step="filled")

    posting.refresh_from_db()
    assert posting.status == S.PUBLISHED


def test_an_unknown_step_is_refused(community, community_staff):
    posting = PostingFactory(employer__community=community)

    with pytest.raises(ValidationError):
        services.posting_step(actor=community_staff, posting=posting, step="archive")
