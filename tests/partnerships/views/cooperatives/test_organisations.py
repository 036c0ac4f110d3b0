"""The pages of HR agencies and labour cooperatives, and of their members."""

import datetime as dt

import pytest
from django.urls import reverse

from partnerships.models import CooperativeMember, LabourOrganisation
from tests.factories import ResidentFactory, UserFactory
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
)
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def test_staff_add_an_organisation_and_land_on_its_page(staff_client, community):
    response = staff_client.post(
        reverse("partnerships:organisation_create"),
        {
            "kind": "labour_cooperative",
            "name": "光明路劳务合作社",
            "community": community.pk,
            "founded_on": "2024-03-01",
            "offers_recruitment": "on",
            "offers_outsourcing": "on",
        },
    )
    organisation = LabourOrganisation.objects.get(name="光明路劳务合作社")
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:organisation_detail", args=[organisation.pk])


def test_a_bad_credit_code_keeps_what_was_typed(staff_client, community):
    response = staff_client.post(
        reverse("partnerships:organisation_create"),
        {
            "kind": "agency_outlet",
            "name": "驿站人力资源服务点",
            "community": community.pk,
            "founded_on": "2024-03-01",
            "credit_code": "91370402MA0000000X",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "驿站人力资源服务点" in content
    assert "check character" in content or "校验" in content


def test_the_organisation_list_is_scoped_and_filtered(staff_client, community, other_community):
    LabourOrganisationFactory(community=community, name="本社区合作社")
    LabourOrganisationFactory(community=community, name="人力资源服务点", kind="agency_outlet")
    LabourOrganisationFactory(community=other_community, name="外街道合作社")
    response = staff_client.get(reverse("partnerships:organisation_list"), {"kind": "labour_cooperative"})
    content = response.content.decode()
    assert "本社区合作社" in content
    assert "人力资源服务点" not in content
    assert "外街道合作社" not in content


def test_an_organisation_of_another_street_is_404(staff_client, other_community):
    organisation = LabourOrganisationFactory(community=other_community)
    assert staff_client.get(reverse("partnerships:organisation_detail", args=[organisation.pk])).status_code == 404


def test_the_organisation_page_shows_members_with_masked_ids(staff_client, community):
    member = CooperativeMemberFactory(organisation__community=community)
    content = staff_client.get(reverse("partnerships:organisation_detail", args=[member.organisation.pk])).content
    content = content.decode()
    assert member.resident.name in content
    assert member.resident.masked_id_number in content
    assert member.resident.id_number not in content


def test_list_queries_do_not_grow_with_rows(staff_client, community, django_assert_max_num_queries):
    for _ in range(5):
        LabourProjectFactory(organisation=LabourOrganisationFactory(community=community))
    with django_assert_max_num_queries(15):
        staff_client.get(reverse("partnerships:organisation_list"))
    with django_assert_max_num_queries(15):
        staff_client.get(reverse("partnerships:project_list"))


def test_a_member_found_by_the_last_four_digits_is_confirmed_before_joining(staff_client, community):
    organisation = LabourOrganisationFactory(community=community)
    resident = ResidentFactory(community=community, name="王秀英")
    url = reverse("partnerships:organisation_member_add", args=[organisation.pk])
    found = staff_client.post(url, {"find": resident.id_number[-4:], "joined_on": TODAY.isoformat(), "skills": "保洁"})
    assert found.status_code == 200
    assert f'value="{resident.pk}" checked' in found.content.decode()
    assert not CooperativeMember.objects.exists()
    confirmed = staff_client.post(
        url, {"find": resident.id_number[-4:], "resident": resident.pk, "joined_on": TODAY.isoformat()}
    )
    assert confirmed.status_code == 302
    assert CooperativeMember.objects.get(organisation=organisation).resident == resident


def test_a_whole_id_number_picks_the_member_at_once(staff_client, community):
    organisation = LabourOrganisationFactory(community=community)
    resident = ResidentFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:organisation_member_add", args=[organisation.pk]),
        {"find": resident.id_number, "joined_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    assert CooperativeMember.objects.get(organisation=organisation).resident == resident


def test_several_matches_are_offered_as_a_choice_keeping_the_date(staff_client, community):
    organisation = LabourOrganisationFactory(community=community)
    first = ResidentFactory(community=community, name="张伟")
    ResidentFactory(community=community, name="张伟强")
    response = staff_client.post(
        reverse("partnerships:organisation_member_add", args=[organisation.pk]),
        {"find": "张伟", "joined_on": "2026-01-05", "skills": "绿化养护"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'value="{first.pk}"' in content
    assert "绿化养护" in content and "2026-01-05" in content
    chosen = staff_client.post(
        reverse("partnerships:organisation_member_add", args=[organisation.pk]),
        {"find": "张伟", "resident": first.pk, "joined_on": "2026-01-05"},
    )
    assert chosen.status_code == 302
    assert CooperativeMember.objects.get(organisation=organisation).resident == first


def test_a_resident_of_another_street_is_not_found(staff_client, community, other_community):
    organisation = LabourOrganisationFactory(community=community)
    stranger = ResidentFactory(community=other_community)
    response = staff_client.post(
        reverse("partnerships:organisation_member_add", args=[organisation.pk]),
        {"find": stranger.id_number, "joined_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert not CooperativeMember.objects.exists()


def test_a_member_leaves_from_the_organisation_page(staff_client, community):
    member = CooperativeMemberFactory(organisation__community=community)
    response = staff_client.post(
        reverse("partnerships:organisation_member_leave", args=[member.pk]), {"left_on": TODAY.isoformat()}
    )
    member.refresh_from_db()
    assert response.status_code == 302
    assert member.left_on == TODAY


def test_a_city_bureau_user_without_a_rule_to_manage_gets_403_on_create(client, community):
    client.force_login(UserFactory(role="city_bureau", community=None))
    assert client.get(reverse("partnerships:organisation_create")).status_code == 403


def test_the_new_organisation_form_starts_with_the_staff_members_community(staff_client, community):
    content = staff_client.get(reverse("partnerships:organisation_create")).content.decode()
    assert f'<option value="{community.pk}" selected>' in content


BAD_FILTER_PAGES = [
    ("partnerships:organisation_list", "community_staff", ["community", "page"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
