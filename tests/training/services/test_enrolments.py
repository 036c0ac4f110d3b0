import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from stations.closed_months import ClosedMonthError
from stations.models import ServiceChannel, ServiceKind, ServiceRecord
from tests.factories import ResidentFactory
from tests.factories.reports import close_month, day_in
from tests.factories.training import EnrolmentFactory, TrainingClassFactory
from training.models import Enrolment, EnrolmentStatus
from training.services import class_push_to_resident, enrolment_create, enrolment_record_result


def test_enrolment_fills_a_seat(community_staff, community, open_class):
    enrolment = enrolment_create(
        actor=community_staff, resident=ResidentFactory(community=community), training_class=open_class
    )
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_full_class_refuses_the_next_enrolment_with_a_clear_message(community_staff, community, open_class):
    for _ in range(open_class.capacity):
        enrolment_create(
            actor=community_staff, resident=ResidentFactory(community=community), training_class=open_class
        )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        enrolment_create(
            actor=community_staff, resident=ResidentFactory(community=community), training_class=open_class
        )
    assert "is full: all 2 seats are taken" in exc.value.messages[0]


def test_full_class_message_is_in_chinese_by_default_language(community_staff, community, open_class):
    for _ in range(open_class.capacity):
        enrolment_create(
            actor=community_staff, resident=ResidentFactory(community=community), training_class=open_class
        )
    with pytest.raises(ValidationError) as exc:
        enrolment_create(
            actor=community_staff, resident=ResidentFactory(community=community), training_class=open_class
        )
    assert open_class.title in exc.value.messages[0]


def test_overlapping_class_is_refused(community_staff, community, open_class, district_bureau):
    resident = ResidentFactory(community=community)
    enrolment_create(actor=community_staff, resident=resident, training_class=open_class)
    other = TrainingClassFactory(
        course__catalogue=open_class.course.catalogue,
        provider=open_class.provider,
        community=community,
        start_date=open_class.end_date - dt.timedelta(days=3),
        end_date=open_class.end_date + dt.timedelta(days=30),
        created_by=district_bureau,
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        enrolment_create(actor=community_staff, resident=resident, training_class=other)
    assert "whose dates overlap" in exc.value.messages[0]


def test_class_after_the_first_ends_is_allowed(community_staff, community, open_class, district_bureau):
    resident = ResidentFactory(community=community)
    enrolment_create(actor=community_staff, resident=resident, training_class=open_class)
    later = TrainingClassFactory(
        course__catalogue=open_class.course.catalogue,
        provider=open_class.provider,
        community=community,
        start_date=open_class.end_date + dt.timedelta(days=1),
        end_date=open_class.end_date + dt.timedelta(days=30),
        created_by=district_bureau,
    )
    assert enrolment_create(actor=community_staff, resident=resident, training_class=later).pk


def test_same_class_twice_is_refused(community_staff, community, open_class):
    resident = ResidentFactory(community=community)
    enrolment_create(actor=community_staff, resident=resident, training_class=open_class)
    with pytest.raises(ValidationError):
        enrolment_create(actor=community_staff, resident=resident, training_class=open_class)


def test_staff_cannot_enrol_a_resident_outside_their_community(community_staff, other_community, open_class):
    with pytest.raises(PermissionDenied):
        enrolment_create(
            actor=community_staff, resident=ResidentFactory(community=other_community), training_class=open_class
        )


def test_completion_derives_the_employment_windows(community_staff, community, open_class):
    open_class.start_date = dt.date(2026, 1, 5)
    open_class.end_date = dt.date(2026, 3, 31)
    open_class.save()
    enrolment = enrolment_create(
        actor=community_staff, resident=ResidentFactory(community=community), training_class=open_class
    )
    enrolment = enrolment_record_result(
        actor=community_staff,
        enrolment=enrolment,
        status=EnrolmentStatus.COMPLETED,
        attended_hours=80,
        completed_on=dt.date(2026, 8, 31),
        certificate_number="C-1",
    )
    assert (enrolment.window_3m_end, enrolment.window_6m_end) == (dt.date(2026, 11, 30), dt.date(2027, 2, 28))


def test_completion_needs_a_date(community_staff, community, open_class):
    enrolment = enrolment_create(
        actor=community_staff, resident=ResidentFactory(community=community), training_class=open_class
    )
    with pytest.raises(ValidationError) as exc:
        enrolment_record_result(
            actor=community_staff, enrolment=enrolment, status=EnrolmentStatus.COMPLETED, attended_hours=80
        )
    assert "completed_on" in exc.value.error_dict


def test_pushing_a_class_writes_one_training_information_entry(community_staff, community, open_class):
    resident = ResidentFactory(community=community)
    class_push_to_resident(
        actor=community_staff, resident=resident, training_class=open_class, channel=ServiceChannel.PHONE
    )
    records = ServiceRecord.objects.filter(resident=resident)
    assert [(r.kind, r.concerns) for r in records] == [(ServiceKind.TRAINING_INFORMATION, open_class)]


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
