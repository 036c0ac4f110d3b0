"""Training's writes against a closed month: enrolments, results, the needs
list and classes told to residents."""

import datetime as dt

import pytest

from stations.closed_months import ClosedMonthError
from stations.models import ServiceChannel, ServiceRecord
from tests.factories import ResidentFactory
from tests.factories.reports import close_month, day_in, last_month
from tests.factories.training import EnrolmentFactory
from training.models import Enrolment, EnrolmentStatus, TrainingNeed
from training.services import (
    class_push_to_resident,
    enrolment_create,
    enrolment_record_result,
    training_need_record,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def resident(community):
    return ResidentFactory(community=community)


def test_an_enrolment_dated_in_a_closed_month_is_refused(community_staff, resident, open_class, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        enrolment_create(actor=community_staff, resident=resident, training_class=open_class, enrolled_on=day_in(month))
    assert not Enrolment.objects.exists()


def test_a_completion_dated_in_a_closed_month_is_refused(community_staff, resident, open_class, month):
    open_class.start_date = month.start - dt.timedelta(days=20)
    open_class.end_date = day_in(month, 5)
    open_class.save(update_fields=["start_date", "end_date"])
    enrolment = EnrolmentFactory(resident=resident, training_class=open_class, enrolled_on=open_class.start_date)
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(ClosedMonthError) as refused:
        enrolment_record_result(
            actor=community_staff,
            enrolment=enrolment,
            status=EnrolmentStatus.COMPLETED,
            attended_hours=60,
            completed_on=day_in(month, 5),
        )
    assert "completions" in refused.value.changes[0].figures
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_a_training_wish_for_a_round_in_a_closed_month_is_refused(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        training_need_record(actor=community_staff, resident=resident, round_date=day_in(month), occupation="电工")
    assert not TrainingNeed.objects.exists()


def test_a_class_told_to_a_resident_on_a_day_in_a_closed_month_is_refused(community_staff, resident, open_class, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(ClosedMonthError) as refused:
        class_push_to_resident(
            actor=community_staff,
            resident=resident,
            training_class=open_class,
            channel=ServiceChannel.PHONE,
            served_on=day_in(month),
        )
    assert refused.value.call["op"] == "training.services.enrolments.class_push_to_resident"
    assert not ServiceRecord.objects.exists()
