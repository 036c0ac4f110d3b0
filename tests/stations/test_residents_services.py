import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stations.models import (
    AuditAction,
    AuditEntry,
    EmploymentStatus,
    Household,
    Notification,
    RemovalReason,
    Resident,
    ResidentTransferRequest,
    Role,
    TransferStatus,
    UnemploymentRegistration,
)
from stations.selectors import years_before
from stations.services.residents import (
    household_create,
    household_zero_employment_refresh,
    resident_employment_status_change,
    resident_household_join,
    resident_open_full_record,
    resident_register,
    resident_remove,
    resident_transfer_request_accept,
    resident_transfer_request_create,
    resident_transfer_request_decline,
    resident_update,
)
from tests.factories import ResidentFactory, UserFactory, valid_id_number
from tests.factories.residents import HouseholdFactory

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


def _age_birth(years: int) -> dt.date:
    return years_before(timezone.localdate(), years) - dt.timedelta(days=30)


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


def test_status_change_out_of_scope_is_refused(other_community_staff, community):
    resident = ResidentFactory(community=community)
    with pytest.raises(PermissionDenied):
        resident_employment_status_change(
            actor=other_community_staff,
            resident=resident,
            status=EmploymentStatus.EMPLOYED,
            changed_on=timezone.localdate(),
        )


# --- households ----------------------------------------------------------------------
def test_household_of_working_age_members_all_without_work_is_zero_employment(community):
    household = HouseholdFactory(community=community)
    ResidentFactory(
        community=community, household=household, id_number=valid_id_number(birth=_age_birth(40), male=True)
    )
    ResidentFactory(
        community=community, household=household, id_number=valid_id_number(birth=_age_birth(38), male=False)
    )
    assert household_zero_employment_refresh(household=household, on=timezone.localdate()) is True
    household.refresh_from_db()
    assert household.zero_employment_since == timezone.localdate()


def test_household_with_one_working_member_is_not_zero_employment(community):
    household = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(40)))
    ResidentFactory(
        community=community,
        household=household,
        employment_status=EmploymentStatus.EMPLOYED,
        id_number=valid_id_number(birth=_age_birth(41)),
    )
    assert household_zero_employment_refresh(household=household, on=timezone.localdate()) is False


def test_retired_members_do_not_count_for_working_age(community):
    """A woman of 55 is past the retirement age of 50: no working-age member."""
    household = HouseholdFactory(community=community)
    ResidentFactory(
        community=community, household=household, id_number=valid_id_number(birth=_age_birth(55), male=False)
    )
    assert household_zero_employment_refresh(household=household, on=timezone.localdate()) is False


def test_becoming_zero_employment_notifies_the_community_staff_once(community_staff, community):
    household = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(30)))
    today = timezone.localdate()
    household_zero_employment_refresh(household=household, on=today)
    household_zero_employment_refresh(household=household, on=today)
    notes = Notification.objects.filter(recipient=community_staff, kind="zero_employment_household")
    assert notes.count() == 1


def test_finding_work_clears_the_zero_employment_flag(community_staff, community):
    household = HouseholdFactory(community=community)
    member = ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(30)))
    household_zero_employment_refresh(household=household, on=timezone.localdate())
    resident_employment_status_change(
        actor=community_staff, resident=member, status=EmploymentStatus.EMPLOYED, changed_on=timezone.localdate()
    )
    household.refresh_from_db()
    assert household.zero_employment_since is None


def test_losing_the_only_job_makes_the_household_zero_employment_the_same_day(community_staff, community):
    household = HouseholdFactory(community=community)
    member = ResidentFactory(
        community=community,
        household=household,
        employment_status=EmploymentStatus.EMPLOYED,
        id_number=valid_id_number(birth=_age_birth(30)),
    )
    today = timezone.localdate()
    resident_employment_status_change(
        actor=community_staff, resident=member, status=EmploymentStatus.UNEMPLOYED, changed_on=today
    )
    household.refresh_from_db()
    assert household.zero_employment_since == today
    assert Notification.objects.filter(recipient=community_staff).exists()


def test_join_puts_both_in_one_household(community_staff, community):
    a = ResidentFactory(community=community)
    b = ResidentFactory(community=community)
    household = resident_household_join(actor=community_staff, resident=a, member=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.household == b.household == household


def test_household_members_must_share_a_community(street_officer, community, sibling_community):
    a = ResidentFactory(community=community)
    b = ResidentFactory(community=sibling_community)
    with pytest.raises(ValidationError):
        resident_household_join(actor=street_officer, resident=a, member=b)


def test_household_create_refuses_someone_already_in_one(community_staff, community):
    resident = ResidentFactory(community=community)
    household_create(actor=community_staff, resident=resident)
    with pytest.raises(ValidationError):
        household_create(actor=community_staff, resident=resident)
    assert Household.objects.count() == 1


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


def test_notifications_go_to_community_staff_only(community_staff, community):
    bureau = UserFactory(role=Role.CITY_BUREAU, community=None)
    household = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(30)))
    household_zero_employment_refresh(household=household, on=timezone.localdate())
    assert not Notification.objects.filter(recipient=bureau).exists()


def test_nightly_refresh_flags_and_clears_households_as_members_age(community):
    from stations.services.residents import household_zero_employment_refresh_all

    today = timezone.localdate()
    new_zero = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=new_zero, id_number=valid_id_number(birth=_age_birth(30)))
    retired = HouseholdFactory(community=community, zero_employment_since=today - dt.timedelta(days=90))
    ResidentFactory(community=community, household=retired, id_number=valid_id_number(birth=_age_birth(61), male=True))
    assert household_zero_employment_refresh_all(on=today) == 1
    new_zero.refresh_from_db()
    retired.refresh_from_db()
    assert new_zero.zero_employment_since == today
    assert retired.zero_employment_since is None


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


def test_a_transfer_request_typed_in_full_width_digits_finds_the_holding_community(
    community_staff, community, far_community
):
    held = ResidentFactory(community=far_community, id_number="11010519491231002X")
    transfer = resident_transfer_request_create(
        actor=community_staff, id_number="１１０１０５　１９４９１２３１　００２ｘ", to_community=community
    )
    assert transfer.resident_id == held.pk
