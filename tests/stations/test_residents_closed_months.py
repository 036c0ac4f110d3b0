"""The registry's write paths against a closed month: the staff pages, the
API, the ledger import and the services behind them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from stations.models import Resident
from tests.factories import valid_id_number
from tests.factories.reports import day_in

pytestmark = pytest.mark.django_db


def _reg_data(**overrides):
    data = {
        "name": "张新",
        "id_number": valid_id_number(birth=dt.date(1990, 5, 1)),
        "mobile": "13905321234",
        "address": "光明路1号",
        "education": "senior",
    }
    data.update(overrides)
    return data


# --- the staff page and the API ------------------------------------------------------------------
def test_the_record_page_shows_the_refusal_in_chinese_with_a_link_to_ask_for_a_correction(
    staff_client, community, closed, month
):
    data = _reg_data(registered_on=day_in(month).isoformat(), community=community.pk, wants_training="unknown")
    with translation.override("zh-hans"):
        response = staff_client.post(reverse("stations:resident_create"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{month.label}" in page and "已关账" in page
    assert reverse("reports:correction_new") + "?t=" in page
    assert not Resident.objects.exists()


def test_the_api_answers_400_with_the_closed_month_message(client, community_staff, community, closed, month):
    client.force_login(community_staff)
    payload = _reg_data(registered_on=day_in(month).isoformat(), community=community.pk)
    response = client.post("/api/v1/residents/", payload, content_type="application/json")
    assert response.status_code == 400
    assert month.label in " ".join(response.json()["errors"]["non_field_errors"])
    assert not Resident.objects.exists()


def test_the_api_takes_the_registration_date(client, community_staff, community, month):
    client.force_login(community_staff)
    payload = _reg_data(registered_on=day_in(month).isoformat(), community=community.pk)
    response = client.post("/api/v1/residents/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["registered_on"] == day_in(month).isoformat()
