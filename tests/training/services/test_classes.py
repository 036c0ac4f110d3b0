import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import translation

from stations.models import AuditAction, AuditEntry, Notification, Role
from tests.factories import ResidentFactory, UserFactory
from tests.factories.training import TrainingNeedFactory
from training.models import ClassStatus
from training.services import training_class_notify_prospects, training_class_step


def test_opening_a_class_tells_the_askers_communities_whom_to_call(
    district_bureau, community_staff, other_community_staff, community, other_community, open_class
):
    open_class.status = "planned"
    open_class.save()
    TrainingNeedFactory(resident=ResidentFactory(community=community, name="张桂兰"), occupation="育婴员")
    TrainingNeedFactory(resident=ResidentFactory(community=other_community, name="李红"), occupation="育婴员")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda fn, using=None, robust=False: fn())
        training_class_step(actor=district_bureau, training_class=open_class, step="open")
    mine = Notification.objects.get(recipient=community_staff)
    assert "张桂兰" in mine.message and "李红" not in mine.message
    assert "李红" in Notification.objects.get(recipient=other_community_staff).message


def test_notices_are_sent_once_per_class_and_staff(community_staff, community, open_class):
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="育婴员")
    assert training_class_notify_prospects(training_class=open_class) == 1
    assert training_class_notify_prospects(training_class=open_class) == 0


def test_a_step_moves_the_class_and_writes_one_transition_audit_entry(district_bureau, open_class):
    training_class_step(actor=district_bureau, training_class=open_class, step="start")

    assert open_class.status == ClassStatus.RUNNING
    entry = AuditEntry.objects.get(action=AuditAction.TRANSITION, object_id=str(open_class.pk))
    assert entry.changes == {"status": ["open", "running"], "step": "start"}


def test_a_step_the_status_does_not_allow_is_refused_naming_the_status(district_bureau, open_class):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        training_class_step(actor=district_bureau, training_class=open_class, step="finish")

    assert refused.value.messages == ["This record is already “Open for enrolment”; “Finished” cannot be taken now."]
    open_class.refresh_from_db()
    assert open_class.status == ClassStatus.OPEN


def test_a_step_taken_from_a_stale_page_after_a_colleagues_is_refused(district_bureau, open_class):
    stale = type(open_class).objects.get(pk=open_class.pk)
    training_class_step(actor=district_bureau, training_class=open_class, step="cancel")

    with pytest.raises(ValidationError) as refused:
        training_class_step(actor=district_bureau, training_class=stale, step="start")

    assert refused.value.code == "state"
    open_class.refresh_from_db()
    assert open_class.status == ClassStatus.CANCELLED


def test_community_staff_cannot_move_a_class(community_staff, open_class):
    with pytest.raises(PermissionDenied):
        training_class_step(actor=community_staff, training_class=open_class, step="cancel")


def test_the_bureau_of_another_district_cannot_move_a_class(other_district, open_class):
    stranger = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=other_district)

    with pytest.raises(ValidationError) as refused:
        training_class_step(actor=stranger, training_class=open_class, step="cancel")

    assert refused.value.code == "scope"
    open_class.refresh_from_db()
    assert open_class.status == ClassStatus.OPEN


@pytest.mark.django_db(transaction=True)
def test_two_steps_taken_at_once_let_only_the_first_through(district_bureau, open_class):
    """Needs PostgreSQL's row locks (SQLite serialises writers by locking the whole file, which proves nothing)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    colleague = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district_bureau.district)
    barrier = threading.Barrier(2)
    outcomes = []

    def take(actor, step):
        try:
            barrier.wait(timeout=10)
            training_class_step(actor=actor, training_class=open_class, step=step)
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=take, args=(district_bureau, "start")),
        threading.Thread(target=take, args=(colleague, "cancel")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcomes) == ["done", "refused"]
    assert AuditEntry.objects.filter(action=AuditAction.TRANSITION, object_id=str(open_class.pk)).count() == 1
