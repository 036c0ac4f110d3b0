"""The employer import's pages: upload, preview with the row-by-row report,
progress, confirm, try again, cancel; refused files; scope."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from jobs.models import Employer, EmployerImportBatch, LabourSurvey
from jobs.services import employer_imports
from stations.models import ImportStatus, Role
from tests.factories import UserFactory
from tests.factories.jobs import EmployerFactory
from tests.jobs.conftest import row, upload, xlsx


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in the English source text, in services and pages."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def as_file(data: bytes, name="employers.xlsx"):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def test_a_small_file_is_checked_in_the_request_and_imported_on_confirm(staff_client, community):
    rows = [
        row(11, community, 单位类型="个体工商户", 规模="Micro", 调查日期="2026-01-05", 用工数量=12, 缺工人数=2),
        row(12, community, 单位类型="company", 规模="small", 联系电话="0632-3311234"),
    ]
    response = staff_client.post(reverse("jobs:employer_import"), {"file": as_file(xlsx(rows))})
    batch = EmployerImportBatch.objects.get()
    assert response.url == reverse("jobs:employer_import_detail", args=[batch.pk])
    assert batch.status == ImportStatus.READY and (batch.new_count, batch.survey_count) == (2, 1)
    assert not Employer.objects.exists()  # nothing before the confirmation

    staff_client.post(reverse("jobs:employer_import_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert Employer.objects.count() == 2
    assert LabourSurvey.objects.get().shortage == 2
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "Imported: 2 new employers, 0 updated, 1 surveys." in page


def test_the_preview_lists_every_problem_by_row_and_column(staff_client, community, far_community):
    rows = [
        row(1, community),
        row(2, far_community),
        row(3, community, 规模="huge", 调查日期="2026-13-01", 用工数量=5),
        row(4, community, 用工数量=-1, 调查日期="2026-01-05"),
    ]
    staff_client.post(reverse("jobs:employer_import"), {"file": as_file(xlsx(rows))})
    batch = EmployerImportBatch.objects.get()
    assert [(e["row"], e["field"]) for e in batch.errors] == [
        (3, "community_code"),
        (4, "size"),
        (4, "surveyed_on"),
        (5, "headcount"),
    ]
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "3 of 4 rows need correcting" in page
    assert "<td>4</td><td>规模</td>" in page and "<td>5</td><td>用工数量</td>" in page
    assert not Employer.objects.exists()


def test_a_file_with_more_rows_than_the_limit_is_refused_with_a_message_naming_it(staff_client, community, monkeypatch):
    monkeypatch.setattr(employer_imports, "MAX_ROWS", 3)
    response = staff_client.post(
        reverse("jobs:employer_import"), {"file": as_file(xlsx([row(n, community) for n in range(1, 5)]))}
    )
    assert response.status_code == 400
    assert "The file has more than 3 rows. Split it into smaller files." in response.content.decode()
    assert not EmployerImportBatch.objects.exists()


def test_a_file_that_is_too_large_is_refused_with_its_limit(staff_client, monkeypatch):
    from stations import excel

    monkeypatch.setattr(excel, "MAX_UPLOAD_BYTES", 1000)
    response = staff_client.post(reverse("jobs:employer_import"), {"file": as_file(b"PK" + b"x" * 2000)})
    assert response.status_code == 400
    assert "The file is larger than" in response.content.decode()


def test_a_file_that_is_not_xlsx_is_refused(staff_client):
    response = staff_client.post(reverse("jobs:employer_import"), {"file": as_file(b"name,code\n")})
    assert response.status_code == 400 and response.context["form"].errors
    assert not EmployerImportBatch.objects.exists()


def test_the_export_can_be_imported_again(staff_client, community):
    EmployerFactory(community=community, name="好邻居超市")
    exported = staff_client.get(reverse("jobs:employer_export")).content
    staff_client.post(reverse("jobs:employer_import"), {"file": as_file(exported)})
    batch = EmployerImportBatch.objects.get()
    assert batch.status == ImportStatus.READY and batch.update_count == 1 and batch.message == ""


def test_a_large_file_is_checked_and_imported_by_the_task_with_a_progress_page(
    staff_client, community_staff, community, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    assert batch.status == ImportStatus.PENDING
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' in page  # refreshes itself, without JavaScript
    for callback in callbacks:
        callback()  # the task's hand-off, run eagerly as without a broker
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("jobs:employer_import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and Employer.objects.count() == 3
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "http-equiv" not in page


def test_the_progress_page_shows_rows_done_of_the_total(staff_client, community_staff, community, monkeypatch):
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.VALIDATING)
    employer_imports.FLOW.set_progress(batch.pk, 2)
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "2 of 3 rows" in page and 'value="2"' in page


def test_a_large_file_uploaded_while_the_broker_is_down_waits_for_a_worker(
    staff_client, community_staff, community, monkeypatch, unreachable_broker, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    assert batch.status == ImportStatus.PENDING
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "Waiting for a worker" in page and 'http-equiv="refresh"' in page


def test_a_check_that_fails_for_good_is_shown_as_failed_with_try_again(
    staff_client, community_staff, community, monkeypatch, django_capture_on_commit_callbacks
):
    def broken_check(*args, **kwargs):
        raise ValueError("a bug in the check")

    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    monkeypatch.setattr(employer_imports, "employer_rows_check", broken_check)
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert batch.message.startswith("The import failed and nothing was imported")
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert reverse("jobs:employer_import_retry", args=[batch.pk]) in page and "Try again" in page
    assert "http-equiv" not in page


def test_try_again_checks_a_failed_import_again(staff_client, community_staff, community):
    batch = upload(community_staff, [row(1, community)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.FAILED, message="x")
    response = staff_client.post(reverse("jobs:employer_import_retry", args=[batch.pk]))
    assert response.url == reverse("jobs:employer_import_detail", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY and batch.message == ""


def test_cancel_deletes_the_rows(staff_client, community_staff, community):
    batch = upload(community_staff, [row(1, community)])
    response = staff_client.post(reverse("jobs:employer_import_cancel", args=[batch.pk]))
    assert response.url == reverse("jobs:employer_import")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED and batch.rows == []


def test_a_batch_of_another_user_is_not_found(client, community, community_staff):
    batch = upload(community_staff, [row(1, community)])
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    client.force_login(colleague)
    assert client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).status_code == 404
    assert client.post(reverse("jobs:employer_import_confirm", args=[batch.pk])).status_code == 404
