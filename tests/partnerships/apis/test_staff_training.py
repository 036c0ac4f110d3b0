import pytest

from partnerships.models import StaffTrainingAttendance
from stations.models import Role
from tests.factories import UserFactory
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db


def test_a_district_records_a_course_and_its_attendees(client, district_bureau, district, community_staff):
    client.force_login(district_bureau)
    created = client.post(
        "/api/v1/partners/training/courses/",
        {"kind": "rotation", "title": "二季度轮训", "starts_on": "2025-04-10", "ends_on": "2025-04-10", "hours": "6"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["district"] == district.pk
    added = client.post(
        f"/api/v1/partners/training/courses/{created.json()['id']}/attendees/",
        {"attendees": [community_staff.pk], "score": "合格"},
        content_type="application/json",
    )
    assert added.status_code == 200, added.json()
    assert added.json()["attendee_count"] == 1
    assert StaffTrainingAttendance.objects.get().community == community_staff.community


def test_an_attendee_outside_the_area_answers_400(client, district_bureau, district, far_community):
    stranger = UserFactory(role=Role.COMMUNITY_STAFF, community=far_community)
    session = StaffTrainingSessionFactory(district=district)
    client.force_login(district_bureau)
    response = client.post(
        f"/api/v1/partners/training/courses/{session.pk}/attendees/",
        {"attendees": [stranger.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "attendees" in response.json()["errors"]


def test_a_course_ending_before_it_starts_answers_400(client, district_bureau):
    client.force_login(district_bureau)
    response = client.post(
        "/api/v1/partners/training/courses/",
        {"kind": "rotation", "title": "x", "starts_on": "2025-04-10", "ends_on": "2025-04-01", "hours": "6"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "ends_on" in response.json()["errors"]


def test_another_districts_course_is_404(client, district_bureau, other_district):
    session = StaffTrainingSessionFactory(district=other_district)
    client.force_login(district_bureau)
    assert client.get(f"/api/v1/partners/training/courses/{session.pk}/").status_code == 404


def test_community_staff_cannot_read_courses(client, community_staff):
    client.force_login(community_staff)
    assert client.get("/api/v1/partners/training/courses/").status_code == 403


def test_a_street_officer_reads_the_training_records_of_the_street(
    client, street_officer, community_staff, far_community
):
    own = StaffTrainingAttendanceFactory(attendee=community_staff)
    StaffTrainingAttendanceFactory(attendee=UserFactory(role=Role.COMMUNITY_STAFF, community=far_community))
    client.force_login(street_officer)
    response = client.get("/api/v1/partners/training/records/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [own.pk]


def test_community_staff_cannot_read_training_records(client, community_staff):
    client.force_login(community_staff)
    assert client.get("/api/v1/partners/training/records/").status_code == 403


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_LISTS = [
    ("/api/v1/partners/training/courses/", "district_bureau", ["year", "kind"]),
    ("/api/v1/partners/training/records/", "district_bureau", ["attendee"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "role", "param", "value"), bad_filter_cases(BAD_FILTER_LISTS))
def test_a_bad_filter_value_on_an_api_list_is_ignored(client, request, some_records, url, role, param, value):
    assert client_as(client, request, role).get(url, {param: value}).status_code == 200
