import pytest

from stations.models import Notification
from tests.factories import ResidentFactory
from tests.factories.training import TrainingNeedFactory
from training.services import training_class_notify_prospects, training_class_set_status


def test_opening_a_class_tells_the_askers_communities_whom_to_call(
    district_bureau, community_staff, other_community_staff, community, other_community, open_class
):
    open_class.status = "planned"
    open_class.save()
    TrainingNeedFactory(resident=ResidentFactory(community=community, name="张桂兰"), occupation="育婴员")
    TrainingNeedFactory(resident=ResidentFactory(community=other_community, name="李红"), occupation="育婴员")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda fn, using=None, robust=False: fn())
        training_class_set_status(actor=district_bureau, training_class=open_class, status="open")
    mine = Notification.objects.get(recipient=community_staff)
    assert "张桂兰" in mine.message and "李红" not in mine.message
    assert "李红" in Notification.objects.get(recipient=other_community_staff).message


def test_notices_are_sent_once_per_class_and_staff(community_staff, community, open_class):
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="育婴员")
    assert training_class_notify_prospects(training_class=open_class) == 1
    assert training_class_notify_prospects(training_class=open_class) == 0
