"""Moving a resident's record to another community (stations/services/residents/transfers.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from stations.models import (
    AuditAction,
    AuditEntry,
    Notification,
    RemovalReason,
    ResidentTransferRequest,
    Role,
    TransferStatus,
)
from stations.services.residents import (
    resident_remove,
    resident_transfer_request_accept,
    resident_transfer_request_create,
    resident_transfer_request_decline,
)
from tests.factories import ResidentFactory, UserFactory, valid_id_number
from tests.factories.concurrency import race

pytestmark = pytest.mark.django_db


# --- transfers ----------------------------------------------------------------------------
@pytest.fixture
def held_elsewhere(other_community):
    return ResidentFactory(community=other_community)


def test_transfer_request_is_created_and_the_holding_community_notified(
    community_staff, other_community_staff, community, held_elsewhere
):
    transfer = resident_transfer_request_create(
        actor=community_staff, id_number=held_elsewhere.id_number, to_community=community, note="搬家"
    )
    assert transfer.from_community == held_elsewhere.community
    assert transfer.status == TransferStatus.PENDING
    assert Notification.objects.filter(recipient=other_community_staff, kind="transfer_requested").exists()


def test_a_second_pending_request_for_the_same_person_is_refused(community_staff, community, held_elsewhere):
    resident_transfer_request_create(actor=community_staff, id_number=held_elsewhere.id_number, to_community=community)
    with pytest.raises(ValidationError):
        resident_transfer_request_create(
            actor=community_staff, id_number=held_elsewhere.id_number, to_community=community
        )


def test_transfer_of_an_unknown_id_number_says_to_register(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        resident_transfer_request_create(actor=community_staff, id_number=valid_id_number(), to_community=community)
    assert "id_number" in exc.value.message_dict


def test_accepting_moves_the_record_and_logs_it(community_staff, other_community_staff, community, held_elsewhere):
    transfer = resident_transfer_request_create(
        actor=community_staff, id_number=held_elsewhere.id_number, to_community=community
    )
    resident_transfer_request_accept(actor=other_community_staff, transfer=transfer)
    held_elsewhere.refresh_from_db()
    transfer.refresh_from_db()
    assert held_elsewhere.community == community
    assert transfer.status == TransferStatus.ACCEPTED
    moves = [
        e.changes["community"]
        for e in AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(held_elsewhere.pk))
        if "community" in e.changes
    ]
    # One entry in the trail of each community.
    assert len(moves) == 2
    assert all(new == community.name for _old, new in moves)
    assert Notification.objects.filter(recipient=community_staff, kind="transfer_accepted").exists()


def test_the_requesting_community_cannot_accept_its_own_request(community_staff, community, held_elsewhere):
    transfer = resident_transfer_request_create(
        actor=community_staff, id_number=held_elsewhere.id_number, to_community=community
    )
    with pytest.raises(PermissionDenied):
        resident_transfer_request_accept(actor=community_staff, transfer=transfer)


def test_declining_needs_a_reason_and_keeps_the_record(
    community_staff, other_community_staff, community, held_elsewhere
):
    transfer = resident_transfer_request_create(
        actor=community_staff, id_number=held_elsewhere.id_number, to_community=community
    )
    with pytest.raises(ValidationError):
        resident_transfer_request_decline(actor=other_community_staff, transfer=transfer, note=" ")
    resident_transfer_request_decline(actor=other_community_staff, transfer=transfer, note="本人仍在本社区居住")
    held_elsewhere.refresh_from_db()
    assert held_elsewhere.community != community
    assert ResidentTransferRequest.objects.get(pk=transfer.pk).status == TransferStatus.DECLINED


def test_accepting_a_removed_record_makes_it_active_again(
    community_staff, other_community_staff, community, held_elsewhere
):
    resident_remove(actor=other_community_staff, resident=held_elsewhere, reason=RemovalReason.MOVED_AWAY)
    transfer = resident_transfer_request_create(
        actor=community_staff, id_number=held_elsewhere.id_number, to_community=community
    )
    resident_transfer_request_accept(actor=other_community_staff, transfer=transfer)
    held_elsewhere.refresh_from_db()
    assert not held_elsewhere.is_removed


def test_a_transfer_request_typed_in_full_width_digits_finds_the_holding_community(
    community_staff, community, far_community
):
    held = ResidentFactory(community=far_community, id_number="11010519491231002X")
    transfer = resident_transfer_request_create(
        actor=community_staff, id_number="１１０１０５　１９４９１２３１　００２ｘ", to_community=community
    )
    assert transfer.resident_id == held.pk


# --- the decision as a workflow step --------------------------------------------------------
@pytest.fixture
def waiting(community_staff, community, held_elsewhere):
    return resident_transfer_request_create(
        actor=community_staff, id_number=held_elsewhere.id_number, to_community=community
    )


def test_a_decided_request_cannot_be_decided_again_and_says_how_it_was_decided(other_community_staff, waiting):
    resident_transfer_request_decline(actor=other_community_staff, transfer=waiting, note="仍在本社区")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        resident_transfer_request_accept(actor=other_community_staff, transfer=waiting)
    assert refused.value.code == "state"
    assert refused.value.messages == ["This request has already been decided (Declined)."]


def test_a_colleagues_decision_on_a_stale_page_is_refused(other_community_staff, other_community, waiting):
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=other_community)
    stale = ResidentTransferRequest.objects.get(pk=waiting.pk)
    resident_transfer_request_accept(actor=other_community_staff, transfer=waiting)
    with pytest.raises(ValidationError):
        resident_transfer_request_decline(actor=colleague, transfer=stale, note="不同意")
    decided = ResidentTransferRequest.objects.get(pk=waiting.pk)
    assert (decided.status, decided.decided_by) == (TransferStatus.ACCEPTED, other_community_staff)
    assert not Notification.objects.filter(kind="transfer_declined").exists()


def test_the_decision_is_recorded_with_its_step_in_the_audit_trail(other_community_staff, waiting):
    resident_transfer_request_decline(actor=other_community_staff, transfer=waiting, note="  仍在本社区 ")
    entry = AuditEntry.objects.get(action=AuditAction.TRANSITION, object_id=str(waiting.pk))
    assert entry.changes == {"status": ["pending", "declined"], "step": "decline", "note": "仍在本社区"}
    waiting.refresh_from_db()
    assert (waiting.decided_by, waiting.decision_note) == (other_community_staff, "仍在本社区")
    assert waiting.decided_at is not None


@pytest.mark.django_db(transaction=True)
def test_two_decisions_taken_at_once_let_only_the_first_through(other_community_staff, other_community, waiting):
    """Needs PostgreSQL's row locks (SQLite serialises writers by locking the whole file, which proves nothing)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=other_community)
    outcomes = race(
        [
            lambda: resident_transfer_request_accept(actor=other_community_staff, transfer=waiting),
            lambda: resident_transfer_request_decline(actor=colleague, transfer=waiting, note="不同意"),
        ]
    )
    assert outcomes == ["done", "refused"]
    assert AuditEntry.objects.filter(action=AuditAction.TRANSITION, object_id=str(waiting.pk)).count() == 1
