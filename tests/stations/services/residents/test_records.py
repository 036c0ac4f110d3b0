"""Registering, updating and removing resident records (stations/services/residents/records.py)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stations import closed_months
from stations.models import (
    AuditAction,
    AuditEntry,
    EmploymentStatus,
    RemovalReason,
    Resident,
    UnemploymentRegistration,
)
from stations.services.residents import (
    resident_open_full_record,
    resident_register,
    resident_remove,
    resident_update,
)
from tests.factories import ResidentFactory, valid_id_number
from tests.factories.reports import close_month, day_in
from tests.factories.residents import registration_data

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "name": "张伟",
        "id_number": valid_id_number(birth=dt.date(1985, 3, 4), male=True),
        "mobile": "+86 139 1234 5678",
        "address": "光明路1号",
        "education": "senior",
        "employment_status": EmploymentStatus.UNEMPLOYED,
        "status_since": timezone.localdate() - dt.timedelta(days=10),
        "registration_number": "3704022026001",
        "target_groups": ["hard_to_employ", "veteran"],
    }
    data.update(overrides)
    return data


def test_register_derives_birth_date_sex_and_normalises_the_phone(community_staff, community):
    resident = resident_register(actor=community_staff, community=community, data=_data())
    assert resident.birth_date == dt.date(1985, 3, 4)
    assert resident.sex == "M"
    assert resident.mobile == "13912345678"
    assert sorted(resident.target_groups.values_list("code", flat=True)) == ["hard_to_employ", "veteran"]


def test_register_opens_an_unemployment_registration_with_date_and_number(community_staff, community):
    resident = resident_register(actor=community_staff, community=community, data=_data())
    registration = UnemploymentRegistration.objects.get(resident=resident)
    assert registration.number == "3704022026001"
    assert registration.registered_on == timezone.localdate() - dt.timedelta(days=10)
    assert resident.status_changes.count() == 1


def test_register_refuses_an_id_number_registered_in_another_community_and_names_it(
    community_staff, community, far_community
):
    existing = ResidentFactory(community=far_community)
    with pytest.raises(ValidationError) as exc:
        resident_register(actor=community_staff, community=community, data=_data(id_number=existing.id_number))
    message = " ".join(exc.value.message_dict["id_number"])
    assert far_community.name in message
    assert existing.name not in message


def test_register_refuses_a_community_outside_the_actors_scope(community_staff, far_community):
    with pytest.raises(ValidationError):
        resident_register(actor=community_staff, community=far_community, data=_data())


def test_register_is_refused_to_the_bureau(district_bureau, community):
    with pytest.raises(PermissionDenied):
        resident_register(actor=district_bureau, community=community, data=_data())


def test_register_refuses_a_graduate_without_graduation_date(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        resident_register(
            actor=community_staff, community=community, data=_data(is_graduate=True, education="bachelor")
        )
    assert "graduation_date" in exc.value.message_dict


def test_register_refuses_a_future_graduation_date(community_staff, community):
    future = timezone.localdate() + dt.timedelta(days=5)
    with pytest.raises(ValidationError) as exc:
        resident_register(
            actor=community_staff,
            community=community,
            data=_data(is_graduate=True, education="bachelor", graduation_date=future),
        )
    assert "graduation_date" in exc.value.message_dict


def test_register_writes_a_create_entry_without_the_full_id_number(community_staff, community):
    resident = resident_register(actor=community_staff, community=community, data=_data())
    entry = AuditEntry.objects.get(
        action=AuditAction.CREATE, object_id=str(resident.pk), content_type__model="resident"
    )
    assert resident.id_number not in str(entry.changes)
    assert entry.community == community


def test_update_audits_each_changed_field_old_and_new(community_staff, community):
    resident = ResidentFactory(community=community, address="旧地址", skill_level="")
    resident_update(actor=community_staff, resident=resident, data={"address": "新地址", "skill_level": "junior"})
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(resident.pk)).latest("pk")
    assert entry.changes["address"] == ["旧地址", "新地址"]
    assert entry.changes["skill_level"] == ["", "junior"]


def test_update_audits_target_group_changes_as_code_lists(community_staff, community):
    resident = ResidentFactory(community=community)
    resident_update(actor=community_staff, resident=resident, data={"target_groups": ["veteran"]})
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(resident.pk)).latest("pk")
    assert entry.changes["target_groups"] == [[], ["veteran"]]


def test_update_masks_id_number_and_phone_in_the_audit_log(community_staff, community):
    resident = ResidentFactory(community=community, mobile="13900001111")
    resident_update(actor=community_staff, resident=resident, data={"mobile": "13900002222"})
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(resident.pk)).latest("pk")
    assert entry.changes["mobile"] == ["139****1111", "139****2222"]


def test_update_with_a_new_status_goes_through_the_dated_history(community_staff, community):
    resident = ResidentFactory(community=community, employment_status=EmploymentStatus.UNEMPLOYED)
    resident_update(actor=community_staff, resident=resident, data={"employment_status": EmploymentStatus.EMPLOYED})
    assert resident.status_changes.get().status == EmploymentStatus.EMPLOYED


def test_update_that_changes_nothing_writes_no_entry(community_staff, community):
    resident = ResidentFactory(community=community)
    before = AuditEntry.objects.count()
    resident_update(actor=community_staff, resident=resident, data={"address": resident.address})
    assert AuditEntry.objects.count() == before


def test_remove_is_soft_and_keeps_the_row(community_staff, community):
    resident = ResidentFactory(community=community)
    resident_remove(actor=community_staff, resident=resident, reason=RemovalReason.MOVED_AWAY)
    resident.refresh_from_db()
    assert resident.is_removed
    assert resident.removal_reason == RemovalReason.MOVED_AWAY
    assert AuditEntry.objects.filter(action=AuditAction.REMOVE, object_id=str(resident.pk)).exists()


def test_removed_record_cannot_be_removed_twice(community_staff, community):
    resident = ResidentFactory(community=community)
    resident_remove(actor=community_staff, resident=resident, reason=RemovalReason.DECEASED)
    with pytest.raises(ValidationError):
        resident_remove(actor=community_staff, resident=resident, reason=RemovalReason.DECEASED)


def test_open_full_record_writes_a_view_entry(community_staff, community):
    resident = ResidentFactory(community=community)
    resident_open_full_record(actor=community_staff, resident=resident, request=None)
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(resident.pk)).count() == 1


# --- one person, however the digits were typed ------------------------------------------------
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def test_register_with_full_width_digits_finds_the_person_registered_in_ascii(
    community_staff, community, far_community
):
    existing = ResidentFactory(community=far_community, id_number="11010519491231002X")
    with pytest.raises(ValidationError) as exc:
        resident_register(
            actor=community_staff, community=community, data=_data(id_number="１１０１０５１９４９１２３１００２ｘ")
        )
    assert far_community.name in " ".join(exc.value.message_dict["id_number"])
    assert Resident.objects.filter(id_number=existing.id_number).count() == 1


def test_register_stores_identifiers_and_name_normalised(community_staff, community):
    number = valid_id_number(birth=dt.date(1985, 3, 4), male=True)
    data = _data(
        id_number=number.translate(FULL_WIDTH), mobile="＋８６　１３９１２３４５６７８", name="\u3000张\u200b伟 "
    )
    resident = resident_register(actor=community_staff, community=community, data=data)
    resident.refresh_from_db()
    assert (resident.id_number, resident.mobile, resident.name) == (number, "13912345678", "张伟")


def test_update_of_one_record_of_a_shared_number_pair_is_not_blocked(community_staff, community):
    first = ResidentFactory(community=community, id_number="11010519491231002X")
    ResidentFactory(community=community, id_number="11010519491231002X", shares_id_number=True)
    resident_update(actor=community_staff, resident=first, data={"address": "新地址"})
    first.refresh_from_db()
    assert first.address == "新地址"


def test_correcting_the_number_of_a_shared_pair_clears_both_flags(community_staff, community):
    first = ResidentFactory(community=community, id_number="11010519491231002X")
    second = ResidentFactory(community=community, id_number="11010519491231002X", shares_id_number=True)
    corrected = valid_id_number(birth=second.birth_date, male=second.sex == "M", serial=55)
    resident_update(actor=community_staff, resident=second, data={"id_number": corrected})
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.id_number, second.shares_id_number, first.shares_id_number) == (corrected, False, False)


# --- services ---------------------------------------------------------------------------------
def test_registering_a_person_in_a_closed_month_is_refused(community_staff, community, closed, month):
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_register(
            actor=community_staff, community=community, data=registration_data(registered_on=day_in(month))
        )
    assert "residents_registered" in refused.value.changes[0].figures
    assert not Resident.objects.exists()


def test_registering_a_person_today_after_a_close_counts_from_today(community_staff, community, closed):
    resident = resident_register(actor=community_staff, community=community, data=registration_data(registered_on=None))
    assert resident.registered_on == timezone.localdate()


def test_registering_with_a_status_dated_in_a_closed_month_is_refused(community_staff, community, closed, month):
    data = registration_data(employment_status=EmploymentStatus.UNEMPLOYED, status_since=day_in(month))
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_register(actor=community_staff, community=community, data=data)
    assert "unemployed_registered" in refused.value.changes[0].figures
    assert not UnemploymentRegistration.objects.exists()


def test_moving_a_registration_date_into_a_closed_month_is_refused(community_staff, community, closed, month):
    resident = ResidentFactory(community=community)
    with pytest.raises(closed_months.ClosedMonthError):
        resident_update(actor=community_staff, resident=resident, data={"registered_on": day_in(month)})
    resident.refresh_from_db()
    assert resident.registered_on == timezone.localdate()


def test_moving_a_registration_date_out_of_a_closed_month_is_refused(community, community_staff, month):
    resident = ResidentFactory(community=community, registered_on=day_in(month))
    close_month(community=community, by=community_staff, month=month)
    with pytest.raises(closed_months.ClosedMonthError):
        resident_update(actor=community_staff, resident=resident, data={"registered_on": timezone.localdate()})


def test_an_id_number_correction_that_moves_an_older_worker_count_is_refused(community_staff, community, month):
    # 40 on the closed month's last day by the old number, 39 by the corrected one.
    born = month.end.replace(year=month.end.year - 40)
    resident = ResidentFactory(
        community=community,
        id_number=valid_id_number(birth=born, male=False),
        registered_on=month.start - dt.timedelta(days=30),
    )
    close_month(community=community, by=community_staff, month=month)
    corrected = valid_id_number(birth=born + dt.timedelta(days=2), male=False)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_update(actor=community_staff, resident=resident, data={"id_number": corrected})
    assert refused.value.changes[0].figures["older_workers"] == (1.0, 0.0)


def test_a_phone_number_correction_after_a_close_goes_through(community_staff, community, month):
    resident = ResidentFactory(community=community, registered_on=day_in(month))
    close_month(community=community, by=community_staff, month=month)
    resident_update(actor=community_staff, resident=resident, data={"mobile": "13800001111"})
    resident.refresh_from_db()
    assert resident.mobile == "13800001111"
