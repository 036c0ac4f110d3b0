import datetime as dt

import pytest

from partnerships.models import CooperativeMember, ProjectPlacement
from stations.models import EmploymentStatus, EmploymentStatusChange
from tests.factories import ResidentFactory
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
)
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_staff_create_an_organisation_through_the_api(staff_client, community):
    response = post(
        staff_client,
        "/api/v1/partners/organisations/",
        {
            "kind": "labour_cooperative",
            "name": "光明路劳务合作社",
            "community": community.pk,
            "founded_on": "2024-05-01",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["member_count"] == 0


def test_an_organisation_in_another_community_answers_400(staff_client, other_community):
    response = post(
        staff_client,
        "/api/v1/partners/organisations/",
        {"kind": "labour_cooperative", "name": "外区", "community": other_community.pk, "founded_on": "2024-05-01"},
    )
    assert response.status_code == 400
    assert "community" in response.json()["errors"]


def test_organisation_list_is_scoped(staff_client, community, other_community):
    LabourOrganisationFactory(community=community, name="本社区")
    LabourOrganisationFactory(community=other_community, name="外街道")
    names = [row["name"] for row in staff_client.get("/api/v1/partners/organisations/").json()["results"]]
    assert names == ["本社区"]


def test_a_member_joins_and_leaves_through_the_api(staff_client, community):
    organisation = LabourOrganisationFactory(community=community)
    resident = ResidentFactory(community=community)
    created = post(
        staff_client,
        "/api/v1/partners/members/",
        {"organisation": organisation.pk, "resident": resident.pk, "joined_on": TODAY.isoformat(), "skills": "保洁"},
    )
    assert created.status_code == 201, created.json()
    assert created.json()["resident_masked_id"] == resident.masked_id_number
    left = post(staff_client, f"/api/v1/partners/members/{created.json()['id']}/leave/", {"left_on": TODAY.isoformat()})
    assert left.status_code == 200
    assert CooperativeMember.objects.get(pk=created.json()["id"]).left_on == TODAY


def test_a_second_current_membership_answers_400(staff_client, community):
    member = CooperativeMemberFactory(organisation__community=community)
    response = post(
        staff_client,
        "/api/v1/partners/members/",
        {"organisation": member.organisation.pk, "resident": member.resident.pk, "joined_on": TODAY.isoformat()},
    )
    assert response.status_code == 400
    assert "resident" in response.json()["errors"]


def test_a_member_of_another_street_is_404(staff_client, other_community):
    member = CooperativeMemberFactory(organisation__community=other_community)
    assert staff_client.get(f"/api/v1/partners/members/{member.pk}/").status_code == 404
    leave = post(staff_client, f"/api/v1/partners/members/{member.pk}/leave/", {"left_on": TODAY.isoformat()})
    assert leave.status_code == 404


def _project_post(client, community, **changes):
    """POST a road upkeep project of the community's organisation, with `changes` to its fields."""
    fields = {
        "organisation": LabourOrganisationFactory(community=community).pk,
        "kind": "road_upkeep",
        "title": "道路养护",
        "client": "区交通局",
        "starts_on": TODAY.isoformat(),
        "ends_on": TODAY.isoformat(),
        "value": "1000",
        "posts": 2,
    }
    return post(client, "/api/v1/partners/projects/", {**fields, **changes})


def test_a_project_ending_before_it_starts_answers_400_with_the_field(staff_client, community):
    response = _project_post(staff_client, community, ends_on=(TODAY - dt.timedelta(days=1)).isoformat())
    assert response.status_code == 400
    assert "ends_on" in response.json()["errors"]


def test_a_project_from_year_one_to_9999_answers_400(staff_client, community):
    response = _project_post(staff_client, community, starts_on="0001-01-01", ends_on="9999-12-31")
    assert response.status_code == 400
    assert "starts_on" in response.json()["errors"]


def test_zero_posts_answer_400(staff_client, community):
    response = _project_post(staff_client, community, posts=0)
    assert response.status_code == 400
    assert "posts" in response.json()["errors"]


def test_a_placement_through_the_api_changes_the_employment_history(staff_client, community):
    project = LabourProjectFactory(organisation__community=community)
    resident = ResidentFactory(community=community)
    response = post(
        staff_client,
        "/api/v1/partners/placements/",
        {"project": project.pk, "resident": resident.pk, "started_on": TODAY.isoformat(), "post": "保洁员"},
    )
    assert response.status_code == 201, response.json()
    assert EmploymentStatusChange.objects.get(resident=resident).status == EmploymentStatus.EMPLOYED


def test_a_placement_on_a_full_project_answers_400_naming_the_posts(staff_client, community):
    project = LabourProjectFactory(organisation__community=community, posts=1)
    ProjectPlacementFactory(project=project)
    response = post(
        staff_client,
        "/api/v1/partners/placements/",
        {"project": project.pk, "resident": ResidentFactory(community=community).pk, "started_on": TODAY.isoformat()},
    )
    assert response.status_code == 400
    assert "1" in response.json()["errors"]["resident"][0]


def test_a_placement_on_a_project_of_another_street_answers_400(staff_client, community, other_community):
    project = LabourProjectFactory(organisation__community=other_community)
    response = post(
        staff_client,
        "/api/v1/partners/placements/",
        {"project": project.pk, "resident": ResidentFactory(community=community).pk, "started_on": TODAY.isoformat()},
    )
    assert response.status_code == 400
    assert not ProjectPlacement.objects.exists()


def test_ending_a_placement_through_the_api(staff_client, community):
    placement = ProjectPlacementFactory(project__organisation__community=community)
    response = post(
        staff_client,
        f"/api/v1/partners/placements/{placement.pk}/end/",
        {"ended_on": TODAY.isoformat(), "resident_out_of_work": True},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["ended_on"] == TODAY.isoformat()


def test_hardship_flags_are_withheld_from_bureaus(client, district_bureau, community):
    ProjectPlacementFactory(project__organisation__community=community, is_low_income=True)
    client.force_login(district_bureau)
    row = client.get("/api/v1/partners/placements/").json()["results"][0]
    assert row["is_priority"] is True
    assert row["is_low_income"] is None


@pytest.mark.parametrize("group", ["hard_to_employ", "low_income"])
def test_a_bureau_cannot_filter_placements_by_a_hardship_group(client, district_bureau, community, group):
    ProjectPlacementFactory(project__organisation__community=community, **{f"is_{group}": True})
    ProjectPlacementFactory(project__organisation__community=community)
    client.force_login(district_bureau)
    response = client.get("/api/v1/partners/placements/", {"priority": group})
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_community_staff_filter_placements_by_a_hardship_group(staff_client, community):
    ProjectPlacementFactory(project__organisation__community=community, is_low_income=True)
    ProjectPlacementFactory(project__organisation__community=community)
    response = staff_client.get("/api/v1/partners/placements/", {"priority": "low_income"})
    assert response.json()["count"] == 1


def test_a_bureau_cannot_write(client, district_bureau, community):
    project = LabourProjectFactory(organisation__community=community)
    client.force_login(district_bureau)
    response = post(
        client,
        "/api/v1/partners/placements/",
        {"project": project.pk, "resident": ResidentFactory(community=community).pk, "started_on": TODAY.isoformat()},
    )
    assert response.status_code == 403


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_LISTS = [
    ("/api/v1/partners/members/", "community_staff", ["organisation"]),
    ("/api/v1/partners/placements/", "community_staff", ["project", "community", "open", "priority"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "role", "param", "value"), bad_filter_cases(BAD_FILTER_LISTS))
def test_a_bad_filter_value_on_an_api_list_is_ignored(client, request, some_records, url, role, param, value):
    assert client_as(client, request, role).get(url, {param: value}).status_code == 200
