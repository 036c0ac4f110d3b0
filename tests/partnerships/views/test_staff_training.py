import datetime as dt

import pytest
from django.urls import reverse

from partnerships.models import StaffTrainingAttendance, StaffTrainingSession
from stations.models import Role
from tests.factories import UserFactory
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory
from tests.partnerships.query_params import bad_filter_cases, client_as


def test_community_staff_are_sent_from_the_course_list_to_their_own_record(staff_client):
    response = staff_client.get(reverse("partnerships:staff_training_list"))
    assert response.status_code == 302 and response["Location"] == reverse("partnerships:my_training")


def test_a_district_sees_its_own_courses_with_attendee_counts(client, district_bureau, district, other_district):
    own = StaffTrainingSessionFactory(district=district, title="本区轮训")
    StaffTrainingAttendanceFactory.create_batch(2, session=own)
    StaffTrainingSessionFactory(district=other_district, title="外区轮训")
    client.force_login(district_bureau)
    response = client.get(reverse("partnerships:staff_training_list"))
    body = response.content.decode()
    assert "本区轮训" in body and "外区轮训" not in body
    assert response.context["page"][0].attendee_count == 2


def test_the_city_sees_every_course(client, city_bureau, district):
    StaffTrainingSessionFactory(district=district, title="区里的课")
    StaffTrainingSessionFactory(title="市里的课")
    client.force_login(city_bureau)
    body = client.get(reverse("partnerships:staff_training_list")).content.decode()
    assert "区里的课" in body and "市里的课" in body


def test_recording_a_course_from_the_form(client, district_bureau, district):
    client.force_login(district_bureau)
    response = client.post(
        reverse("partnerships:staff_training_create"),
        {
            "kind": "systematic",
            "title": "新任驿站人员系统培训",
            "starts_on": "2025-03-01",
            "ends_on": "2025-03-03",
            "hours": "24",
        },
    )
    session = StaffTrainingSession.objects.get()
    assert response.status_code == 302 and session.district == district


def test_a_course_ending_before_it_starts_keeps_the_form(client, district_bureau):
    client.force_login(district_bureau)
    response = client.post(
        reverse("partnerships:staff_training_create"),
        {"kind": "rotation", "title": "保留我", "starts_on": "2025-03-05", "ends_on": "2025-03-01", "hours": "4"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "保留我" in body and not StaffTrainingSession.objects.exists()


def test_adding_attendees_on_the_course_page(client, district_bureau, district, community_staff):
    session = StaffTrainingSessionFactory(district=district)
    client.force_login(district_bureau)
    response = client.post(
        reverse("partnerships:staff_training_detail", args=[session.pk]),
        {"attendees": [community_staff.pk], "completed": "on", "score": "优秀"},
    )
    assert response.status_code == 302
    record = StaffTrainingAttendance.objects.get()
    assert record.attendee == community_staff and record.community == community_staff.community


def test_the_attendee_choices_are_only_accounts_in_the_area(client, district_bureau, district, far_community):
    stranger = UserFactory(role=Role.COMMUNITY_STAFF, community=far_community, first_name="外区员工")
    session = StaffTrainingSessionFactory(district=district)
    client.force_login(district_bureau)
    body = client.get(reverse("partnerships:staff_training_detail", args=[session.pk])).content.decode()
    assert stranger.first_name not in body


def test_another_districts_course_is_404(client, district_bureau, other_district):
    session = StaffTrainingSessionFactory(district=other_district)
    client.force_login(district_bureau)
    assert client.get(reverse("partnerships:staff_training_detail", args=[session.pk])).status_code == 404


def test_my_training_shows_my_courses_and_hours(staff_client, community_staff):
    session = StaffTrainingSessionFactory(title="我上过的课", starts_on=dt.date.today())
    StaffTrainingAttendanceFactory(session=session, attendee=community_staff)
    StaffTrainingAttendanceFactory(session=StaffTrainingSessionFactory(title="别人的课"))
    body = staff_client.get(reverse("partnerships:my_training")).content.decode()
    assert "我上过的课" in body and "别人的课" not in body


def test_a_bureau_sees_a_person_in_its_area(client, district_bureau, community_staff):
    StaffTrainingAttendanceFactory(session=StaffTrainingSessionFactory(title="轮训A"), attendee=community_staff)
    client.force_login(district_bureau)
    response = client.get(reverse("partnerships:staff_training_person", args=[community_staff.pk]))
    assert response.status_code == 200 and "轮训A" in response.content.decode()


def test_a_bureau_gets_404_for_a_person_outside_its_area(client, district_bureau, far_community):
    stranger = UserFactory(role=Role.COMMUNITY_STAFF, community=far_community)
    client.force_login(district_bureau)
    assert client.get(reverse("partnerships:staff_training_person", args=[stranger.pk])).status_code == 404


def test_community_staff_cannot_open_a_persons_record(staff_client, community_staff):
    assert staff_client.get(reverse("partnerships:staff_training_person", args=[community_staff.pk])).status_code == 403


def test_marking_an_attendance_not_completed_from_the_course_page(client, district_bureau, district, community_staff):
    record = StaffTrainingAttendanceFactory(
        session=StaffTrainingSessionFactory(district=district), attendee=community_staff
    )
    client.force_login(district_bureau)
    response = client.post(reverse("partnerships:staff_training_attendance", args=[record.pk]), {"score": "补考"})
    record.refresh_from_db()
    assert response.status_code == 302 and not record.completed and record.score == "补考"


def test_taking_someone_off_a_course(client, district_bureau, district, community_staff):
    record = StaffTrainingAttendanceFactory(
        session=StaffTrainingSessionFactory(district=district), attendee=community_staff
    )
    client.force_login(district_bureau)
    client.post(reverse("partnerships:staff_training_attendance", args=[record.pk]), {"remove": "1"})
    assert not StaffTrainingAttendance.objects.exists()


def test_people_already_on_the_course_are_not_offered_again(client, district_bureau, district, community_staff):
    session = StaffTrainingSessionFactory(district=district)
    StaffTrainingAttendanceFactory(session=session, attendee=community_staff)
    client.force_login(district_bureau)
    response = client.get(reverse("partnerships:staff_training_detail", args=[session.pk]))
    assert community_staff not in response.context["form"].fields["attendees"].queryset


def test_the_course_list_takes_a_fixed_number_of_queries(
    client, district_bureau, district, django_assert_max_num_queries
):
    for _ in range(5):
        StaffTrainingAttendanceFactory(session=StaffTrainingSessionFactory(district=district))
    client.force_login(district_bureau)
    with django_assert_max_num_queries(12):
        client.get(reverse("partnerships:staff_training_list"))


def test_a_street_officer_sees_the_staff_of_the_street_with_their_hours(
    client, street_officer, community_staff, far_community
):
    StaffTrainingAttendanceFactory(
        session=StaffTrainingSessionFactory(starts_on=dt.date.today()), attendee=community_staff
    )
    stranger = UserFactory(role=Role.COMMUNITY_STAFF, community=far_community, username="far-away")
    client.force_login(street_officer)
    response = client.get(reverse("partnerships:staff_training_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("partnerships:staff_training_person", args=[community_staff.pk]) in body
    assert reverse("partnerships:staff_training_person", args=[stranger.pk]) not in body
    row = next(p for p in response.context["page"] if p.pk == community_staff.pk)
    assert row.hours_total == 8


def test_a_street_officer_opens_the_record_of_staff_in_the_street(client, street_officer, community_staff):
    StaffTrainingAttendanceFactory(session=StaffTrainingSessionFactory(title="轮训B"), attendee=community_staff)
    client.force_login(street_officer)
    response = client.get(reverse("partnerships:staff_training_person", args=[community_staff.pk]))
    assert response.status_code == 200 and "轮训B" in response.content.decode()


def test_a_street_officer_gets_404_for_staff_of_another_street(client, street_officer, other_community):
    elsewhere = UserFactory(role=Role.COMMUNITY_STAFF, community=other_community)
    client.force_login(street_officer)
    assert client.get(reverse("partnerships:staff_training_person", args=[elsewhere.pk])).status_code == 404


def test_a_street_officer_cannot_record_a_course(client, street_officer):
    client.force_login(street_officer)
    assert client.get(reverse("partnerships:staff_training_create")).status_code == 403


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_PAGES = [("partnerships:staff_training_list", "district_bureau", ["year", "community", "page"])]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
