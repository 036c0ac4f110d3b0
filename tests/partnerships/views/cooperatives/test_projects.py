"""The pages of labour projects, and placing residents on them."""

import datetime as dt

import pytest
from django.urls import reverse

from partnerships.models import LabourProject, ProjectPlacement
from stations.models import EmploymentStatus, TargetGroup, TargetGroupCode
from tests.factories import ResidentFactory
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


def test_a_street_officer_sees_the_projects_of_the_street(client, street_officer, community, sibling_community):
    LabourProjectFactory(organisation__community=sibling_community, title="文化路物业服务")
    client.force_login(street_officer)
    assert "文化路物业服务" in client.get(reverse("partnerships:project_list")).content.decode()


def test_the_project_page_queries_do_not_grow_with_candidates(staff_client, community, django_assert_max_num_queries):
    project = LabourProjectFactory(organisation__community=community, posts=20)
    for _ in range(6):
        ResidentFactory(community=community)
        ProjectPlacementFactory(project=project)
        CooperativeMemberFactory(organisation=project.organisation)
    with django_assert_max_num_queries(20):
        staff_client.get(reverse("partnerships:project_detail", args=[project.pk]))


BAD_FILTER_PAGES = [
    ("partnerships:project_list", "community_staff", ["organisation", "community", "page"]),
    ("partnerships:project_create", "community_staff", ["organisation"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
