"""The placement list, ending a placement, and a resident's placements."""

import datetime as dt

import pytest
from django.urls import reverse

from stations.models import EmploymentStatus
from tests.factories import ResidentFactory
from tests.factories.partnerships_cooperatives import (
    LabourProjectFactory,
    ProjectPlacementFactory,
)
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


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


BAD_FILTER_PAGES = [
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
