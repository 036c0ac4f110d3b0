"""Training's background jobs, run in-process."""

from tests.factories import ResidentFactory
from tests.factories.training import TrainingNeedFactory
from training.tasks import notify_class_prospects


def test_telling_about_a_class_that_is_gone_does_nothing(db):
    assert notify_class_prospects(class_id=999_999) == 0


def test_telling_about_an_opened_class_notifies_the_askers_staff_once(community_staff, community, open_class):
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation=open_class.course.occupation)

    assert notify_class_prospects(class_id=open_class.pk) == 1
    assert notify_class_prospects(class_id=open_class.pk) == 0
