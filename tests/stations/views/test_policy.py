"""The policy page (stations/views/policy.py): every role reads the values in
force and their history; the city bureau sets a new value from a date."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stations.models import PolicyParameterValue
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from tests.factories.policy import SCHEDULE_KEY, policy_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("schedule_parameter")]


def test_every_role_sees_the_parameters_and_the_value_in_force(client, community_staff):
    client.force_login(community_staff)
    response = client.get(reverse("stations:policy"))
    assert response.status_code == 200
    body = response.content.decode()
    assert COMMUNITY_WORKERS_TARGET in body
    assert 'name="value"' not in body  # no form for those who cannot set


def test_page_shows_history_and_scheduled_values(client, community_staff, city_bureau):
    policy_set(city_bureau, 19, valid_from=timezone.localdate() - dt.timedelta(days=30), note="first decision")
    policy_set(city_bureau, 21, valid_from=timezone.localdate() + dt.timedelta(days=30), note="next year")
    client.force_login(community_staff)
    body = client.get(reverse("stations:policy")).content.decode()
    assert "first decision" in body
    assert "next year" in body


def test_page_uses_a_fixed_number_of_queries(client, city_bureau, django_assert_num_queries):
    client.force_login(city_bureau)
    url = reverse("stations:policy")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    for days in range(5):
        policy_set(city_bureau, 20 + days, valid_from=timezone.localdate() - dt.timedelta(days=days))
        policy_set(city_bureau, {"3": days, "12": 3}, key=SCHEDULE_KEY)
    with django_assert_num_queries(len(captured)):
        client.get(url)


def test_city_bureau_sets_a_value_through_the_form(client, city_bureau):
    client.force_login(city_bureau)
    response = client.post(
        reverse("stations:policy"),
        {"key": COMMUNITY_WORKERS_TARGET, "value": "20", "valid_from": "2026-01-01", "note": "new target"},
    )
    assert response.status_code == 302
    row = PolicyParameterValue.objects.get(key=COMMUNITY_WORKERS_TARGET)
    assert (row.value, row.valid_from, row.note) == (20, dt.date(2026, 1, 1), "new target")


def test_city_bureau_sets_a_structured_value_as_json(client, city_bureau):
    client.force_login(city_bureau)
    response = client.post(
        reverse("stations:policy"), {"key": SCHEDULE_KEY, "value": '{"3": 2, "12": 4}', "valid_from": "2026-01-01"}
    )
    assert response.status_code == 302
    assert PolicyParameterValue.objects.get(key=SCHEDULE_KEY).value == {"3": 2, "12": 4}


def test_broken_json_is_shown_next_to_the_field_and_the_text_is_kept(client, city_bureau):
    client.force_login(city_bureau)
    typed = '{"3": 2, "12": 4'
    response = client.post(
        reverse("stations:policy"), {"key": SCHEDULE_KEY, "value": typed, "valid_from": "2026-01-01"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "value" in form.errors
    assert typed in response.content.decode().replace("&quot;", '"')
    assert not PolicyParameterValue.objects.exists()


def test_a_structured_value_failing_its_validator_is_refused(client, city_bureau):
    client.force_login(city_bureau)
    response = client.post(
        reverse("stations:policy"), {"key": SCHEDULE_KEY, "value": '{"3": -1}', "valid_from": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "value" in response.context["form"].errors


def test_a_json_list_is_refused_where_an_object_is_declared(client, city_bureau):
    client.force_login(city_bureau)
    response = client.post(
        reverse("stations:policy"), {"key": SCHEDULE_KEY, "value": "[1, 2]", "valid_from": "2026-01-01"}
    )
    assert response.status_code == 400


def test_district_bureau_cannot_post_a_value(client, district_bureau):
    client.force_login(district_bureau)
    response = client.post(
        reverse("stations:policy"), {"key": COMMUNITY_WORKERS_TARGET, "value": "20", "valid_from": "2026-01-01"}
    )
    assert response.status_code == 403
    assert not PolicyParameterValue.objects.exists()


def test_set_new_value_link_prefills_the_current_value(client, city_bureau):
    client.force_login(city_bureau)
    response = client.get(reverse("stations:policy"), {"key": COMMUNITY_WORKERS_TARGET})
    assert response.context["form"].initial["value"] == "18"
