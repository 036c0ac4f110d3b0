"""Review steps on a posting go through one function (`posting_step`, which
applies POSTING_WORKFLOW under a row lock and writes the audit entry)."""

import pytest
from django.core.exceptions import ValidationError

from jobs import services
from jobs.models import PostingStatus
from stations.models import AuditAction, AuditEntry
from tests.factories.jobs import PostingFactory

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
