"""HR agencies and labour cooperatives, and their members."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.models import (
    CooperativeMember,
    LabourOrganisation,
)
from partnerships.services.cooperatives.organisations import (
    cooperative_member_add,
    cooperative_member_leave,
    labour_organisation_save,
)
from stations.closed_months import ClosedMonthError
from stations.models import (
    AuditEntry,
)
from tests.factories import ResidentFactory
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def test_an_organisation_outside_the_area_is_refused_with_the_field(community_staff, other_community):
    with pytest.raises(ValidationError) as exc:
        labour_organisation_save(
            actor=community_staff,
            organisation=LabourOrganisation(
                kind="labour_cooperative", name="外区合作社", community=other_community, founded_on=TODAY
            ),
        )
    assert "community" in exc.value.error_dict


def test_a_wrong_credit_code_is_explained(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        labour_organisation_save(
            actor=community_staff,
            organisation=LabourOrganisation(
                kind="agency_outlet", name="人力资源服务站", community=community, founded_on=TODAY, credit_code="123"
            ),
        )
    assert "credit_code" in exc.value.error_dict


def test_saving_an_organisation_writes_an_audit_entry(community_staff, community):
    organisation = labour_organisation_save(
        actor=community_staff,
        organisation=LabourOrganisation(
            kind="community_hr_agency", name="社区人力资源服务社", community=community, founded_on=TODAY
        ),
    )
    assert AuditEntry.objects.filter(object_id=str(organisation.pk), action="create").exists()


def test_a_district_bureau_cannot_manage_cooperatives(district_bureau, community):
    with pytest.raises(PermissionDenied):
        labour_organisation_save(
            actor=district_bureau,
            organisation=LabourOrganisation(kind="labour_cooperative", name="x", community=community, founded_on=TODAY),
        )


def test_a_resident_of_the_area_joins_and_leaves(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    resident = ResidentFactory(community=community)
    member = cooperative_member_add(
        actor=community_staff, organisation=organisation, resident=resident, joined_on=TODAY, skills="绿化"
    )
    cooperative_member_leave(actor=community_staff, member=member, left_on=TODAY)
    member.refresh_from_db()
    assert member.left_on == TODAY


def test_a_current_member_cannot_join_twice(community_staff, community):
    member = CooperativeMemberFactory(organisation__community=community)
    with pytest.raises(ValidationError) as exc:
        cooperative_member_add(
            actor=community_staff, organisation=member.organisation, resident=member.resident, joined_on=TODAY
        )
    assert "already a member" in exc.value.message_dict["resident"][0]


def test_a_resident_outside_the_area_cannot_join(community_staff, community, other_community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        cooperative_member_add(
            actor=community_staff,
            organisation=organisation,
            resident=ResidentFactory(community=other_community),
            joined_on=TODAY,
        )
    assert "resident" in exc.value.error_dict


def test_joining_before_the_organisation_was_founded_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community, founded_on=TODAY - dt.timedelta(days=5))
    with pytest.raises(ValidationError) as exc:
        cooperative_member_add(
            actor=community_staff,
            organisation=organisation,
            resident=ResidentFactory(community=community),
            joined_on=TODAY - dt.timedelta(days=6),
        )
    assert "joined_on" in exc.value.error_dict


def test_leaving_before_joining_is_refused(community_staff, community):
    member = CooperativeMemberFactory(organisation__community=community, joined_on=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationError) as exc:
        cooperative_member_leave(actor=community_staff, member=member, left_on=TODAY - dt.timedelta(days=4))
    assert "left_on" in exc.value.error_dict


def test_member_of_other_scope_cannot_be_made_to_leave(community_staff, other_community):
    member = CooperativeMemberFactory(organisation__community=other_community)
    with pytest.raises(PermissionDenied):
        cooperative_member_leave(actor=community_staff, member=member, left_on=TODAY)
    assert CooperativeMember.objects.get(pk=member.pk).left_on is None


def test_a_member_who_joined_in_a_closed_month_cannot_be_added(community_staff, community, month, before):
    organisation = LabourOrganisationFactory(community=community, founded_on=before)
    resident = ResidentFactory(community=community)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        cooperative_member_add(
            actor=community_staff, organisation=organisation, resident=resident, joined_on=day_in(month)
        )
    assert not CooperativeMember.objects.exists()


def test_a_member_cannot_be_recorded_as_having_left_in_a_closed_month(community_staff, community, month, before):
    member = CooperativeMemberFactory(organisation__community=community, joined_on=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        cooperative_member_leave(actor=community_staff, member=member, left_on=day_in(month))
    member.refresh_from_db()
    assert member.left_on is None


def test_an_organisation_with_members_in_a_closed_month_cannot_move_to_another_community(
    street_officer, community, sibling_community, month, before
):
    member = CooperativeMemberFactory(organisation__community=community, organisation__founded_on=before)
    close_month(community=community)
    organisation = member.organisation
    organisation.community = sibling_community
    with pytest.raises(ClosedMonthError):
        labour_organisation_save(actor=street_officer, organisation=organisation)
