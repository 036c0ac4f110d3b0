"""Merging two records of one person (stations.services.merges)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assistance.models import AssistanceCase
from entrepreneurship.models import SubsidyApplication
from jobs.models import Placement, Recommendation
from partnerships.models import ProjectPlacement
from stations.merging import resident_relations
from stations.models import (
    AuditAction,
    AuditEntry,
    EmploymentStatusChange,
    Household,
    MergeGrounds,
    PolicyParameterValue,
    RemovalReason,
    Resident,
    ResidentMerge,
    Role,
    ServiceRecord,
    TargetGroup,
)
from stations.selectors import resident_duplicate_check, resident_list
from stations.services.merges import MERGE_UNDO_DAYS, resident_merge, resident_merge_undo
from tests.factories import ResidentFactory, ServiceRecordFactory, UserFactory, valid_id_number
from tests.factories.assistance import AssistanceCaseFactory
from tests.factories.entrepreneurship import BusinessFactory, SubsidyApplicationFactory
from tests.factories.jobs import EmployerFactory, RecommendationFactory
from tests.factories.partnerships_cooperatives import ProjectPlacementFactory
from tests.factories.residents import HouseholdFactory, ResidentTransferRequestFactory
from tests.factories.training import EnrolmentFactory
from training.models import Enrolment

BIRTH = dt.date(1975, 3, 8)


ID_A = valid_id_number(birth=BIRTH, male=False, serial=11)


ID_B = valid_id_number(birth=BIRTH, male=False, serial=12)  # the same person, two digits mistyped


@pytest.fixture
def pair(community):
    """Two records of 王秀英: same name, birth date and mobile, another ID number."""
    kept = ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    duplicate = ResidentFactory(community=community, name="王 秀英", id_number=ID_B, mobile="13905328861")
    return kept, duplicate


@pytest.fixture
def same_id_pair(community):
    """Two records the normalisation migration found holding one ID number."""
    kept = ResidentFactory(community=community, name="王秀英", id_number=ID_A)
    duplicate = ResidentFactory(community=community, name="王秀英", id_number=ID_A, shares_id_number=True)
    return kept, duplicate


def _merge(actor, kept, duplicate, **kwargs):
    return resident_merge(actor=actor, kept=kept, duplicate=duplicate, **kwargs)


# --- what moves -------------------------------------------------------------------
@pytest.mark.django_db
def test_merge_moves_services_cases_enrolments_applications_recommendations_and_placements(
    pair, street_officer, community_staff
):
    kept, duplicate = pair
    service = ServiceRecordFactory(resident=duplicate, staff=community_staff)
    case = AssistanceCaseFactory(resident=duplicate, assigned_to=community_staff)
    enrolment = EnrolmentFactory(resident=duplicate)
    application = SubsidyApplicationFactory(resident=duplicate, created_by=community_staff)
    recommendation = RecommendationFactory(resident=duplicate, staff=community_staff)
    employer = EmployerFactory(community=kept.community)
    placement = Placement.objects.create(
        resident=duplicate,
        employer=employer,
        started_on=dt.date(2026, 1, 5),
        contract_months=12,
        recorded_by=community_staff,
    )
    project_placement = ProjectPlacementFactory(resident=duplicate, project__organisation__community=kept.community)

    _merge(street_officer, kept, duplicate)

    assert ServiceRecord.objects.get(pk=service.pk).resident_id == kept.pk
    assert AssistanceCase.objects.get(pk=case.pk).resident_id == kept.pk
    assert Enrolment.objects.get(pk=enrolment.pk).resident_id == kept.pk
    assert SubsidyApplication.objects.get(pk=application.pk).resident_id == kept.pk
    assert Recommendation.objects.get(pk=recommendation.pk).resident_id == kept.pk
    assert Placement.objects.get(pk=placement.pk).resident_id == kept.pk
    assert ProjectPlacement.objects.get(pk=project_placement.pk).resident_id == kept.pk


@pytest.mark.django_db
def test_merge_leaves_nothing_pointing_at_the_duplicate(pair, street_officer, community_staff):
    kept, duplicate = pair
    ServiceRecordFactory(resident=duplicate, staff=community_staff)
    EmploymentStatusChange.objects.create(resident=duplicate, status="unemployed", changed_on=dt.date(2026, 1, 1))
    BusinessFactory(community=kept.community, founders=[duplicate])

    _merge(street_officer, kept, duplicate)

    left = {r.label: r.rows_of(duplicate).count() for r in resident_relations()}
    assert set(left.values()) == {0}, left


@pytest.mark.django_db
def test_the_duplicate_becomes_a_tombstone_pointing_at_the_kept_record(pair, street_officer):
    kept, duplicate = pair
    _merge(street_officer, kept, duplicate)
    tombstone = Resident.with_tombstones.get(pk=duplicate.pk)
    assert tombstone.merged_into_id == kept.pk
    assert tombstone.removal_reason == RemovalReason.DUPLICATE
    assert tombstone.removed_at is not None


@pytest.mark.django_db
def test_a_tombstone_is_left_out_of_lists_searches_and_removed_records(pair, street_officer):
    kept, duplicate = pair
    _merge(street_officer, kept, duplicate)
    assert not Resident.objects.filter(pk=duplicate.pk).exists()
    assert list(resident_list(user=street_officer, filters={"removed": True})) == []
    assert list(resident_list(user=street_officer, filters={"text": ID_B})) == []
    assert list(resident_list(user=street_officer)) == [kept]


@pytest.mark.django_db
def test_registering_the_tombstone_number_again_finds_the_kept_record(pair, street_officer):
    kept, duplicate = pair
    _merge(street_officer, kept, duplicate)
    found = resident_duplicate_check(ID_B)
    assert found is not None and found.resident_pk == kept.pk


@pytest.mark.django_db
def test_merge_adds_the_duplicate_target_groups_and_passes_its_household_on(pair, street_officer):
    kept, duplicate = pair
    household = HouseholdFactory(community=duplicate.community)
    Resident.objects.filter(pk=duplicate.pk).update(household=household)
    duplicate.refresh_from_db()
    disabled = TargetGroup.objects.get(code="disabled")
    duplicate.target_groups.add(disabled)

    _merge(street_officer, kept, duplicate)

    kept.refresh_from_db()
    assert kept.household_id == household.pk
    assert disabled in kept.target_groups.all()
    assert Resident.with_tombstones.get(pk=duplicate.pk).household_id is None


@pytest.mark.django_db
def test_merge_of_a_same_id_pair_lifts_the_shared_flag(same_id_pair, street_officer):
    kept, duplicate = same_id_pair
    _merge(street_officer, duplicate, kept)  # the officer may keep either
    duplicate.refresh_from_db()
    assert duplicate.shares_id_number is False
    assert Resident.objects.filter(id_number=ID_A).count() == 1


# --- what stops a merge -------------------------------------------------------------
@pytest.mark.django_db
def test_merge_is_refused_when_both_records_have_an_open_assistance_case(pair, street_officer, community_staff):
    kept, duplicate = pair
    AssistanceCaseFactory(resident=kept, assigned_to=community_staff)
    AssistanceCaseFactory(resident=duplicate, assigned_to=community_staff)
    with pytest.raises(ValidationError) as exc:
        _merge(street_officer, kept, duplicate)
    assert str(AssistanceCase._meta.verbose_name) in " ".join(exc.value.messages)
    assert Resident.objects.filter(pk=duplicate.pk).exists()


@pytest.mark.django_db
def test_merge_is_refused_when_both_have_a_live_subsidy_application_of_one_kind(pair, street_officer, community_staff):
    kept, duplicate = pair
    SubsidyApplicationFactory(resident=kept, created_by=community_staff, status="submitted")
    SubsidyApplicationFactory(resident=duplicate, created_by=community_staff, status="submitted")
    with pytest.raises(ValidationError) as exc:
        _merge(street_officer, kept, duplicate)
    assert str(SubsidyApplication._meta.verbose_name) in " ".join(exc.value.messages)


@pytest.mark.django_db
def test_merge_is_refused_while_a_transfer_of_either_record_is_pending(pair, street_officer, sibling_community):
    kept, duplicate = pair
    requester = UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community)
    ResidentTransferRequestFactory(resident=duplicate, to_community=sibling_community, requested_by=requester)
    with pytest.raises(ValidationError) as exc:
        _merge(street_officer, kept, duplicate)
    assert "transfer" in " ".join(exc.value.messages).lower() or "转" in " ".join(exc.value.messages)


@pytest.mark.django_db
def test_merge_is_refused_for_records_that_are_not_possible_duplicates(community, street_officer):
    first = ResidentFactory(community=community, name="王秀英")
    second = ResidentFactory(community=community, name="李建国")
    with pytest.raises(ValidationError):
        _merge(street_officer, first, second)


@pytest.mark.django_db
def test_merge_is_refused_when_the_records_live_in_different_households(pair, street_officer):
    kept, duplicate = pair
    Resident.objects.filter(pk=kept.pk).update(household=HouseholdFactory(community=kept.community))
    Resident.objects.filter(pk=duplicate.pk).update(household=HouseholdFactory(community=kept.community))
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    with pytest.raises(ValidationError):
        _merge(street_officer, kept, duplicate)


@pytest.mark.django_db
def test_community_staff_cannot_merge(pair, community_staff):
    with pytest.raises(PermissionDenied):
        _merge(community_staff, *pair)


@pytest.mark.django_db
def test_a_street_officer_cannot_merge_records_of_another_street(other_community, street_officer):
    kept = ResidentFactory(community=other_community, name="王秀英", id_number=ID_A, mobile="13905328861")
    duplicate = ResidentFactory(community=other_community, name="王秀英", id_number=ID_B, mobile="13905328861")
    with pytest.raises(PermissionDenied):
        _merge(street_officer, kept, duplicate)


@pytest.mark.django_db
def test_a_tombstone_cannot_be_merged_again(pair, street_officer, community):
    kept, duplicate = pair
    _merge(street_officer, kept, duplicate)
    third = ResidentFactory(community=community, name="王秀英", mobile="13905328861", id_number=ID_A[:-4] + "0000")
    with pytest.raises(ValidationError):
        _merge(street_officer, third, Resident.with_tombstones.get(pk=duplicate.pk))


@pytest.mark.django_db
def test_merge_locks_both_records(pair, street_officer):
    with CaptureQueriesContext(connection) as queries:
        _merge(street_officer, *pair)
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in q["sql"] and "stations_resident" in q["sql"] for q in queries.captured_queries)


# --- the trail ------------------------------------------------------------------------
@pytest.mark.django_db
def test_merge_is_audited_with_who_and_what_moved(pair, street_officer, community_staff):
    kept, duplicate = pair
    ServiceRecordFactory(resident=duplicate, staff=community_staff)
    ServiceRecordFactory(resident=duplicate, staff=community_staff)
    merge = _merge(street_officer, kept, duplicate, note="同一人，身份证号录错两位")

    entry = AuditEntry.objects.get(action=AuditAction.MERGE)
    assert entry.actor == street_officer
    assert entry.object_id == str(merge.pk)
    assert entry.changes["grounds"] == MergeGrounds.SAME_NAME_BIRTH_MOBILE
    assert "2" in entry.changes["moved"]
    assert ID_B not in str(entry.changes)  # the trail masks ID numbers
    assert merge.moved["rows"][0]["model"] == "stations.servicerecord"
    assert len(merge.moved["rows"][0]["pks"]) == 2


# --- undo ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_undo_moves_back_exactly_what_moved(pair, street_officer, district_bureau, community_staff):
    kept, duplicate = pair
    own = ServiceRecordFactory(resident=kept, staff=community_staff)
    moved = ServiceRecordFactory(resident=duplicate, staff=community_staff)
    case = AssistanceCaseFactory(resident=duplicate, assigned_to=community_staff)
    disabled = TargetGroup.objects.get(code="disabled")
    duplicate.target_groups.add(disabled)
    merge = _merge(street_officer, kept, duplicate)
    after = ServiceRecordFactory(resident=kept, staff=community_staff)  # recorded after the merge

    resident_merge_undo(actor=district_bureau, merge=merge, note="不是同一人")

    assert ServiceRecord.objects.get(pk=moved.pk).resident_id == duplicate.pk
    assert AssistanceCase.objects.get(pk=case.pk).resident_id == duplicate.pk
    assert ServiceRecord.objects.get(pk=own.pk).resident_id == kept.pk
    assert ServiceRecord.objects.get(pk=after.pk).resident_id == kept.pk
    assert disabled not in kept.target_groups.all()
    restored = Resident.objects.get(pk=duplicate.pk)
    assert (restored.merged_into_id, restored.removed_at, restored.removal_reason) == (None, None, "")
    merge.refresh_from_db()
    assert merge.undone_by == district_bureau and merge.undo_note == "不是同一人"
    assert AuditEntry.objects.filter(action=AuditAction.MERGE_UNDONE, actor=district_bureau).exists()


@pytest.mark.django_db
def test_undo_restores_a_founder_link_both_records_shared(pair, street_officer, district_bureau):
    kept, duplicate = pair
    business = BusinessFactory(community=kept.community, founders=[kept, duplicate])
    merge = _merge(street_officer, kept, duplicate)
    assert list(business.founders.all()) == [kept]
    resident_merge_undo(actor=district_bureau, merge=merge, note="错了")
    assert set(business.founders.all()) == {kept, Resident.objects.get(pk=duplicate.pk)}


@pytest.mark.django_db
def test_undo_restores_the_household_links(pair, street_officer, district_bureau):
    kept, duplicate = pair
    household = HouseholdFactory(community=duplicate.community)
    Resident.objects.filter(pk=duplicate.pk).update(household=household)
    duplicate.refresh_from_db()
    merge = _merge(street_officer, kept, duplicate)
    resident_merge_undo(actor=district_bureau, merge=merge, note="错了")
    assert Resident.objects.get(pk=kept.pk).household_id is None
    assert Resident.objects.get(pk=duplicate.pk).household_id == household.pk
    assert Household.objects.filter(pk=household.pk).exists()


@pytest.mark.django_db
def test_undo_of_a_same_id_pair_puts_both_back_on_the_list(same_id_pair, street_officer, district_bureau):
    kept, duplicate = same_id_pair
    merge = _merge(street_officer, kept, duplicate)
    resident_merge_undo(actor=district_bureau, merge=merge, note="错了")
    assert Resident.objects.filter(id_number=ID_A).count() == 2
    assert Resident.objects.get(pk=duplicate.pk).shares_id_number is True


@pytest.mark.django_db
def test_a_street_officer_cannot_undo_a_merge(pair, street_officer):
    merge = _merge(street_officer, *pair)
    with pytest.raises(PermissionDenied):
        resident_merge_undo(actor=street_officer, merge=merge, note="错了")


@pytest.mark.django_db
def test_undo_needs_a_reason(pair, street_officer, district_bureau):
    merge = _merge(street_officer, *pair)
    with pytest.raises(ValidationError):
        resident_merge_undo(actor=district_bureau, merge=merge, note="  ")


@pytest.mark.django_db
def test_undo_is_refused_after_thirty_days(pair, street_officer, district_bureau):
    merge = _merge(street_officer, *pair)
    ResidentMerge.objects.filter(pk=merge.pk).update(merged_at=timezone.now() - dt.timedelta(days=31))
    with pytest.raises(ValidationError):
        resident_merge_undo(actor=district_bureau, merge=merge, note="错了")


@pytest.mark.django_db
def test_the_undo_window_is_a_policy_parameter(pair, street_officer, district_bureau, city_bureau):
    merged_at = timezone.now() - dt.timedelta(days=45)
    PolicyParameterValue.objects.create(
        key=MERGE_UNDO_DAYS,
        value=60,
        valid_from=timezone.localdate(merged_at) - dt.timedelta(days=1),
        set_by=city_bureau,
    )
    merge = _merge(street_officer, *pair)
    ResidentMerge.objects.filter(pk=merge.pk).update(merged_at=merged_at)
    resident_merge_undo(actor=district_bureau, merge=merge, note="错了")
    merge.refresh_from_db()
    assert merge.is_undone


@pytest.mark.django_db
def test_a_merge_is_undone_once(pair, street_officer, district_bureau):
    merge = _merge(street_officer, *pair)
    resident_merge_undo(actor=district_bureau, merge=merge, note="错了")
    with pytest.raises(ValidationError):
        resident_merge_undo(actor=district_bureau, merge=merge, note="错了")


@pytest.mark.django_db
def test_a_tombstone_is_not_counted_in_figures_nor_exported(pair, street_officer, community):
    from stations.exports import resident_export_queryset
    from stations.figures import Period
    from stations.report_figures import compute_residents

    kept, duplicate = pair
    _merge(street_officer, kept, duplicate)
    today = timezone.localdate()
    figures = compute_residents(period=Period(start=today, end=today, label="today"), community_ids=[community.pk])
    assert figures[community.pk]["residents_registered"] == 1
    exported = resident_export_queryset(user=street_officer, filters={"removed": True})
    assert duplicate.pk not in {r.pk for r in exported}


@pytest.mark.django_db
def test_a_row_written_between_the_checks_and_the_move_refuses_the_merge_cleanly(
    pair, street_officer, community_staff, monkeypatch
):
    """The database's own constraint stops what the checks could not see (a
    case opened by another request after them): a message, nothing moved."""
    import stations.services.merges as merges

    kept, duplicate = pair
    AssistanceCaseFactory(resident=kept, assigned_to=community_staff)
    late = AssistanceCaseFactory(resident=duplicate, assigned_to=community_staff)
    monkeypatch.setattr(merges, "conflict_messages", lambda *args, **kwargs: [])
    with pytest.raises(ValidationError):
        _merge(street_officer, kept, duplicate)
    assert AssistanceCase.objects.get(pk=late.pk).resident_id == duplicate.pk
    assert not ResidentMerge.objects.exists()
