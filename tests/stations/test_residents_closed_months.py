"""The registry's write paths against a closed month: the staff pages, the
API, the ledger import and the services behind them."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from reports.models import PeriodClose
from stations import closed_months
from stations.imports.services import (
    resident_import_batch_confirm,
    resident_import_batch_create,
    resident_import_batch_execute,
)
from stations.models import EmploymentStatus, ImportStatus, Resident, ResidentImportBatch, UnemploymentRegistration
from stations.services.residents import resident_register, resident_update
from tests.factories import ResidentFactory, valid_id_number
from tests.factories.reports import close_month, day_in, last_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def closed(community, community_staff, month):
    return close_month(community=community, by=community_staff, month=month)


def _data(**overrides):
    data = {
        "name": "张新",
        "id_number": valid_id_number(birth=dt.date(1990, 5, 1)),
        "mobile": "13905321234",
        "address": "光明路1号",
        "education": "senior",
    }
    data.update(overrides)
    return data


# --- services ---------------------------------------------------------------------------------
def test_registering_a_person_in_a_closed_month_is_refused(community_staff, community, closed, month):
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_register(actor=community_staff, community=community, data=_data(registered_on=day_in(month)))
    assert "residents_registered" in refused.value.changes[0].figures
    assert not Resident.objects.exists()


def test_registering_a_person_today_after_a_close_counts_from_today(community_staff, community, closed):
    resident = resident_register(actor=community_staff, community=community, data=_data(registered_on=None))
    assert resident.registered_on == timezone.localdate()


def test_registering_with_a_status_dated_in_a_closed_month_is_refused(community_staff, community, closed, month):
    data = _data(employment_status=EmploymentStatus.UNEMPLOYED, status_since=day_in(month))
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_register(actor=community_staff, community=community, data=data)
    assert "unemployed_registered" in refused.value.changes[0].figures
    assert not UnemploymentRegistration.objects.exists()


def test_moving_a_registration_date_into_a_closed_month_is_refused(community_staff, community, closed, month):
    resident = ResidentFactory(community=community)
    with pytest.raises(closed_months.ClosedMonthError):
        resident_update(actor=community_staff, resident=resident, data={"registered_on": day_in(month)})
    resident.refresh_from_db()
    assert resident.registered_on == timezone.localdate()


def test_moving_a_registration_date_out_of_a_closed_month_is_refused(community, community_staff, month):
    resident = ResidentFactory(community=community, registered_on=day_in(month))
    close_month(community=community, by=community_staff, month=month)
    with pytest.raises(closed_months.ClosedMonthError):
        resident_update(actor=community_staff, resident=resident, data={"registered_on": timezone.localdate()})


def test_an_id_number_correction_that_moves_an_older_worker_count_is_refused(community_staff, community, month):
    # 40 on the closed month's last day by the old number, 39 by the corrected one.
    born = month.end.replace(year=month.end.year - 40)
    resident = ResidentFactory(
        community=community,
        id_number=valid_id_number(birth=born, male=False),
        registered_on=month.start - dt.timedelta(days=30),
    )
    close_month(community=community, by=community_staff, month=month)
    corrected = valid_id_number(birth=born + dt.timedelta(days=2), male=False)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_update(actor=community_staff, resident=resident, data={"id_number": corrected})
    assert refused.value.changes[0].figures["older_workers"] == (1.0, 0.0)


def test_a_phone_number_correction_after_a_close_goes_through(community_staff, community, month):
    resident = ResidentFactory(community=community, registered_on=day_in(month))
    close_month(community=community, by=community_staff, month=month)
    resident_update(actor=community_staff, resident=resident, data={"mobile": "13800001111"})
    resident.refresh_from_db()
    assert resident.mobile == "13800001111"


# --- the staff page and the API ------------------------------------------------------------------
def test_the_record_page_shows_the_refusal_in_chinese_with_a_link_to_ask_for_a_correction(
    staff_client, community, closed, month
):
    data = _data(registered_on=day_in(month).isoformat(), community=community.pk, wants_training="unknown")
    with translation.override("zh-hans"):
        response = staff_client.post(reverse("stations:resident_create"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{month.label}" in page and "已关账" in page
    assert reverse("reports:correction_new") + "?t=" in page
    assert not Resident.objects.exists()


def test_the_api_answers_400_with_the_closed_month_message(client, community_staff, community, closed, month):
    client.force_login(community_staff)
    payload = _data(registered_on=day_in(month).isoformat(), community=community.pk)
    response = client.post("/api/v1/residents/", payload, content_type="application/json")
    assert response.status_code == 400
    assert month.label in " ".join(response.json()["errors"]["non_field_errors"])
    assert not Resident.objects.exists()


def test_the_api_takes_the_registration_date(client, community_staff, community, month):
    client.force_login(community_staff)
    payload = _data(registered_on=day_in(month).isoformat(), community=community.pk)
    response = client.post("/api/v1/residents/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["registered_on"] == day_in(month).isoformat()


# --- the ledger import -----------------------------------------------------------------------------
HEADERS = ["姓名", "身份证号", "住址", "文化程度", "就业状态", "登记日期", "失业登记日期"]


def _ledger(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for n, (registered, unemployed) in enumerate(rows):
        birth = dt.date(1985, 1, 1) + dt.timedelta(days=n)
        ws.append(
            [
                f"居民{n}",
                valid_id_number(birth=birth, serial=n),
                f"光明路{n}号",
                "高中",
                "登记失业",
                registered,
                unemployed,
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(user, *rows):
    with translation.override("en"):
        return resident_import_batch_create(
            actor=user, filename="台账.xlsx", data=_ledger(*rows), update_existing=False
        )


def test_a_ledger_row_registered_in_a_closed_month_is_marked_before_anything_is_written(community_staff, closed, month):
    batch = _upload(community_staff, (day_in(month).isoformat(), ""))
    assert batch.status == ImportStatus.INVALID
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "registered_on")]
    assert month.label in batch.errors[0]["message"]


def test_a_ledger_row_registered_unemployed_in_a_closed_month_is_marked(community_staff, closed, month):
    batch = _upload(community_staff, ("", day_in(month).isoformat()))
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "unemployed_since")]


def test_ledger_rows_take_their_registration_date_from_the_ledger(community_staff, month):
    earlier = day_in(month) - dt.timedelta(days=60)
    batch = _upload(community_staff, (earlier.isoformat(), earlier.isoformat()), ("", ""))
    assert batch.status == ImportStatus.READY, batch.errors
    resident_import_batch_confirm(actor=community_staff, batch=batch)
    dates = sorted(Resident.objects.values_list("registered_on", flat=True))
    assert dates == [earlier, timezone.localdate()]
    assert UnemploymentRegistration.objects.filter(registered_on=earlier).count() == 1


def test_a_month_closed_between_the_check_and_the_import_stops_the_import(community_staff, community, month):
    batch = _upload(community_staff, (day_in(month).isoformat(), ""))
    assert batch.status == ImportStatus.READY, batch.errors
    # Confirmed and waiting for the worker (a large file) when the month is closed.
    ResidentImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    close_month(community=community, by=community_staff, month=month)
    batch = resident_import_batch_execute(batch_pk=batch.pk)
    assert batch.status in (ImportStatus.FAILED, ImportStatus.INVALID)
    assert not Resident.objects.exists()
    assert PeriodClose.objects.count() == 1
