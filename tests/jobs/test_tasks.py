"""The job market's Celery tasks: retries, idempotence, and the employer import
through a real `celery worker` on Redis and PostgreSQL (skipped with the reason
without them, a failure under CI=true, as in tests/platform/test_faults.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from jobs.models import Employer, EmployerImportBatch, LabourSurvey
from jobs.services import employer_imports
from stations.models import AuditAction, AuditEntry, HandoffState, ImportStatus, TaskHandoff
from tests.factories.jobs import valid_credit_code
from tests.jobs.conftest import row, upload
from tests.platform.test_faults import _status, _wait_for, celery_processes, own_redis  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def employer_sheet(community, rows: int) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称", "统一社会信用代码", "社区代码", "联系人", "联系电话", "调查日期", "用工数量", "缺工人数"])
    for n in range(rows):
        ws.append([f"用工单位{n}", valid_credit_code(n + 1), community.code, "刘", "13863201111", "2026-01-05", 10, n])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("用工单位.xlsx", out.getvalue())


def test_the_reminder_task_retries_failed_sends():
    from jobs.tasks import remind_expiry
    from stations.background import DeliveryFailed

    assert DeliveryFailed in remind_expiry.autoretry_for


def test_the_task_is_idempotent(community_staff, community):
    from jobs.tasks import employer_import_run

    batch = upload(community_staff, [row(1, community)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    employer_import_run(batch.pk)
    employer_import_run(batch.pk)
    assert Employer.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 1


@pytest.mark.celery_worker
def test_a_large_employer_file_is_checked_and_imported_by_a_real_worker(
    client,
    community,
    community_staff,
    celery_processes,  # noqa: F811 (the fixture imported above)
    monkeypatch,
):
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    celery_processes.start_worker()
    client.force_login(community_staff)

    response = client.post(reverse("jobs:employer_import"), {"file": employer_sheet(community, 3)})
    assert response.status_code == 302
    batch = EmployerImportBatch.objects.get()
    _wait_for("the check", lambda: _status(EmployerImportBatch, batch.pk) == ImportStatus.READY, celery_processes.logs)
    assert not Employer.objects.exists()

    response = client.post(reverse("jobs:employer_import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    _wait_for("the import", lambda: _status(EmployerImportBatch, batch.pk) == ImportStatus.DONE, celery_processes.logs)
    assert Employer.objects.count() == 3 and LabourSurvey.objects.count() == 3
    assert set(TaskHandoff.objects.values_list("state", "runs")) == {(HandoffState.DONE, 1)}
    assert "jobs.tasks.employer_import_run" in celery_processes.log("worker").read_text()  # the worker did it
