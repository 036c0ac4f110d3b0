import datetime as dt

import pytest
from django.urls import reverse

from partnerships.models import CooperativeMember, LabourOrganisation, LabourProject, ProjectPlacement
from stations.models import EmploymentStatus, TargetGroup, TargetGroupCode
from tests.factories import ResidentFactory, UserFactory
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
    resident_aged,
)
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


# --- organisations ------------------------------------------------------------------
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


# --- members ------------------------------------------------------------------------
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


# --- projects -----------------------------------------------------------------------
def test_staff_record_a_project(staff_client, community):
    organisation = LabourOrganisationFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:project_create"),
        {
            "organisation": organisation.pk,
            "kind": "green_cleaning",
            "title": "光明路绿地保洁",
            "client": "中心街街道办事处",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + dt.timedelta(days=365)).isoformat(),
            "value": "96000",
            "posts": 3,
        },
    )
    project = LabourProject.objects.get(title="光明路绿地保洁")
    assert response["Location"] == reverse("partnerships:project_detail", args=[project.pk])


def test_a_project_ending_before_it_starts_is_explained(staff_client, community):
    organisation = LabourOrganisationFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:project_create"),
        {
            "organisation": organisation.pk,
            "kind": "road_upkeep",
            "title": "以工代赈道路养护",
            "client": "区交通运输局",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY - dt.timedelta(days=1)).isoformat(),
            "value": "50000",
            "posts": 4,
        },
    )
    assert response.status_code == 200
    assert "以工代赈道路养护" in response.content.decode()
    assert not LabourProject.objects.exists()


def test_the_project_page_lists_members_first_then_priority_residents(staff_client, community, sibling_community):
    project = LabourProjectFactory(organisation__community=community)
    member = CooperativeMemberFactory(
        organisation=project.organisation, resident=resident_aged(community, 24, name="成员甲")
    )
    plain = resident_aged(community, 24, name="普通乙")
    old = resident_aged(community, 56, name="大龄丙")
    working = resident_aged(community, 24, name="在岗丁", employment_status=EmploymentStatus.EMPLOYED)
    elsewhere = resident_aged(sibling_community, 56, name="邻社区戊")
    content = staff_client.get(reverse("partnerships:project_detail", args=[project.pk])).content.decode()
    assert content.index(member.resident.name) < content.index(old.name) < content.index(plain.name)
    assert working.name not in content
    assert elsewhere.name not in content
    assert old.masked_id_number in content and old.id_number not in content


def test_hardship_groups_are_tagged_for_staff_and_only_flagged_for_bureaus(
    client, community_staff, district_bureau, community
):
    project = LabourProjectFactory(organisation__community=community)
    resident = resident_aged(community, 24)
    resident.target_groups.add(TargetGroup.objects.get(code=TargetGroupCode.MINIMUM_LIVING))
    ProjectPlacementFactory(project=project, resident=resident, is_low_income=True)
    url = reverse("partnerships:project_detail", args=[project.pk])
    client.force_login(community_staff)
    assert "Low income" in client.get(url).content.decode() or "低收入" in client.get(url).content.decode()
    client.force_login(district_bureau)
    content = client.get(url).content.decode()
    assert "Low income" not in content and "低收入" not in content


def test_a_resident_is_placed_from_the_candidate_list(staff_client, community):
    project = LabourProjectFactory(organisation__community=community)
    resident = resident_aged(community, 56)
    response = staff_client.post(
        reverse("partnerships:project_detail", args=[project.pk]),
        {"resident": resident.pk, "started_on": TODAY.isoformat(), "post": "保洁员", "employment_status": "employed"},
    )
    assert response.status_code == 302
    placement = ProjectPlacement.objects.get(project=project)
    assert placement.resident == resident and placement.is_older_worker
    resident.refresh_from_db()
    assert resident.employment_status == EmploymentStatus.EMPLOYED


def test_a_full_project_refuses_with_the_posts_and_keeps_what_was_typed(staff_client, community):
    project = LabourProjectFactory(organisation__community=community, posts=1, title="物业保洁")
    ProjectPlacementFactory(project=project)
    resident = ResidentFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:project_detail", args=[project.pk]),
        {"resident": resident.pk, "started_on": TODAY.isoformat(), "post": "楼道保洁", "employment_status": "employed"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "物业保洁" in content and "楼道保洁" in content
    assert ProjectPlacement.objects.filter(project=project).count() == 1


def test_a_start_date_outside_the_period_is_explained_beside_the_field(staff_client, community):
    project = LabourProjectFactory(organisation__community=community, starts_on=TODAY - dt.timedelta(days=3))
    resident = ResidentFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:project_detail", args=[project.pk]),
        {
            "resident": resident.pk,
            "started_on": (TODAY - dt.timedelta(days=10)).isoformat(),
            "post": "绿化工",
            "employment_status": "employed",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "绿化工" in content
    assert project.starts_on.isoformat() in content
    assert f'value="{resident.pk}" id="cand-{resident.pk}" checked' in content


def test_search_narrows_the_candidates_without_saving(staff_client, community):
    project = LabourProjectFactory(organisation__community=community)
    target = ResidentFactory(community=community, name="李桂兰")
    ResidentFactory(community=community, name="赵建国")
    response = staff_client.post(
        reverse("partnerships:project_detail", args=[project.pk]), {"search": "1", "find": "桂兰"}
    )
    content = response.content.decode()
    assert target.name in content and "赵建国" not in content
    assert not ProjectPlacement.objects.exists()


def test_a_bureau_sees_a_project_but_cannot_place(client, district_bureau, community):
    project = LabourProjectFactory(organisation__community=community)
    client.force_login(district_bureau)
    assert client.get(reverse("partnerships:project_detail", args=[project.pk])).status_code == 200
    response = client.post(
        reverse("partnerships:project_detail", args=[project.pk]),
        {"resident": ResidentFactory(community=community).pk, "started_on": TODAY.isoformat()},
    )
    assert response.status_code == 403


def test_a_project_of_another_street_is_404(staff_client, other_community):
    project = LabourProjectFactory(organisation__community=other_community)
    assert staff_client.get(reverse("partnerships:project_detail", args=[project.pk])).status_code == 404


def test_ending_a_placement_with_the_box_registers_unemployment(staff_client, community):
    placement = ProjectPlacementFactory(project__organisation__community=community)
    response = staff_client.post(
        reverse("partnerships:project_placement_end", args=[placement.pk]),
        {"ended_on": TODAY.isoformat(), "resident_out_of_work": "on"},
    )
    assert response.status_code == 302
    placement.resident.refresh_from_db()
    assert placement.resident.employment_status == EmploymentStatus.UNEMPLOYED


def test_out_of_work_with_another_project_open_is_explained_on_the_page(staff_client, community):
    placement = ProjectPlacementFactory(project__organisation__community=community)
    ProjectPlacementFactory(
        project=LabourProjectFactory(organisation=placement.project.organisation, title="道路保洁二期"),
        resident=placement.resident,
    )
    response = staff_client.post(
        reverse("partnerships:project_placement_end", args=[placement.pk]),
        {"ended_on": TODAY.isoformat(), "resident_out_of_work": "on"},
    )
    assert response.status_code == 200
    assert "still works on the project “道路保洁二期”" in response.content.decode()
    placement.refresh_from_db()
    assert placement.ended_on is None


# --- placements and the resident's page ---------------------------------------------
def test_the_placement_list_filters_by_priority(staff_client, community):
    ProjectPlacementFactory(project__organisation__community=community, resident__name="大龄甲", is_older_worker=True)
    ProjectPlacementFactory(project__organisation__community=community, resident__name="普通乙")
    content = staff_client.get(
        reverse("partnerships:project_placement_list"), {"priority": "older_worker"}
    ).content.decode()
    assert "大龄甲" in content and "普通乙" not in content


def test_the_placement_list_ignores_a_hardship_filter_for_a_bureau(client, district_bureau, community):
    ProjectPlacementFactory(project__organisation__community=community, resident__name="低收入甲", is_low_income=True)
    ProjectPlacementFactory(project__organisation__community=community, resident__name="普通乙")
    client.force_login(district_bureau)
    content = client.get(reverse("partnerships:project_placement_list"), {"priority": "low_income"}).content.decode()
    assert "低收入甲" in content and "普通乙" in content


def test_the_resident_page_lists_the_placements(staff_client, community):
    placement = ProjectPlacementFactory(project__organisation__community=community)
    response = staff_client.get(
        reverse("partnerships:resident_project_placements", kwargs={"resident_pk": placement.resident.pk})
    )
    assert placement.project.title in response.content.decode()


def test_the_resident_page_of_another_street_is_404(staff_client, other_community):
    resident = ResidentFactory(community=other_community)
    url = reverse("partnerships:resident_project_placements", kwargs={"resident_pk": resident.pk})
    assert staff_client.get(url).status_code == 404


def test_a_street_officer_sees_the_projects_of_the_street(client, street_officer, community, sibling_community):
    LabourProjectFactory(organisation__community=sibling_community, title="文化路物业服务")
    client.force_login(street_officer)
    assert "文化路物业服务" in client.get(reverse("partnerships:project_list")).content.decode()


def test_a_city_bureau_user_without_a_rule_to_manage_gets_403_on_create(client, community):
    client.force_login(UserFactory(role="city_bureau", community=None))
    assert client.get(reverse("partnerships:organisation_create")).status_code == 403


def test_the_new_organisation_form_starts_with_the_staff_members_community(staff_client, community):
    content = staff_client.get(reverse("partnerships:organisation_create")).content.decode()
    assert f'<option value="{community.pk}" selected>' in content


def test_the_project_page_queries_do_not_grow_with_candidates(staff_client, community, django_assert_max_num_queries):
    project = LabourProjectFactory(organisation__community=community, posts=20)
    for _ in range(6):
        ResidentFactory(community=community)
        ProjectPlacementFactory(project=project)
        CooperativeMemberFactory(organisation=project.organisation)
    with django_assert_max_num_queries(20):
        staff_client.get(reverse("partnerships:project_detail", args=[project.pk]))


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_PAGES = [
    ("partnerships:organisation_list", "community_staff", ["community", "page"]),
    ("partnerships:project_list", "community_staff", ["organisation", "community", "page"]),
    ("partnerships:project_create", "community_staff", ["organisation"]),
    (
        "partnerships:project_placement_list",
        "community_staff",
        ["project", "organisation", "community", "started_from", "started_to", "page"],
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
