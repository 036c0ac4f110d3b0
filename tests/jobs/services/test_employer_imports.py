"""The employer import: check, all-or-nothing import with the row and column of
each problem, the row limit, failures and retries, scope, speed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from jobs import services
from jobs.models import Employer, EmployerImportBatch, LabourSurvey
from jobs.services import employer_imports
from jobs.services.employer_imports import (
    employer_import_batch_confirm,
    employer_import_batch_create,
    employer_import_batch_execute,
    employer_import_batch_retry,
)
from stations.imports import reading
from stations.models import AuditAction, AuditEntry, ImportStatus
from tests.factories.imports import workbook_bytes
from tests.factories.jobs import (
    EmployerFactory,
    LabourSurveyFactory,
    valid_credit_code,
)
from tests.factories.reports import close_month, day_in
from tests.jobs.conftest import HEADERS, row, upload


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in the English source text, in services and pages."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def test_the_import_writes_one_audit_entry_with_counts(community_staff, community):
    batch = upload(community_staff, [row(1, community), row(2, community, 调查日期="2026-01-05", 用工数量=3)])
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert entry.changes == {"rows": 2, "created": 2, "updated": 0, "surveys": 1}
    assert entry.actor == community_staff


def test_a_registered_employer_is_updated_and_its_survey_of_the_day_replaced(community_staff, community):
    employer = EmployerFactory(community=community, name="旧名", credit_code=valid_credit_code(5))
    LabourSurveyFactory(employer=employer, surveyed_on="2026-01-05", headcount=1, shortage=0)
    batch = upload(community_staff, [row(5, community, 单位名称="新名", 调查日期="2026-01-05", 用工数量=9, 缺工人数=4)])
    assert (batch.new_count, batch.update_count) == (0, 1)
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    employer.refresh_from_db()
    survey = LabourSurvey.objects.get()
    assert employer.name == "新名" and (survey.headcount, survey.shortage) == (9, 4)


def test_a_column_the_sheet_lacks_keeps_what_the_record_holds(community_staff, community):
    employer = EmployerFactory(
        community=community, credit_code=valid_credit_code(6), contact_name="王", address="光明路1号"
    )
    batch = upload(
        community_staff,
        [["新名", valid_credit_code(6), community.code]],
        headers=["单位名称", "统一社会信用代码", "社区代码"],
    )
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    employer.refresh_from_db()
    assert (employer.name, employer.contact_name, employer.address) == ("新名", "王", "光明路1号")


def test_a_full_width_credit_code_updates_the_registered_employer(community_staff, community):
    full_width = str.maketrans(
        "0123456789ABCDEFGHJKLMNPQRTUWXY", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ"
    )
    employer = EmployerFactory(community=community, credit_code=valid_credit_code(11))
    code = "\u3000" + valid_credit_code(11).translate(full_width) + "\u200b"
    batch = upload(community_staff, [row(11, community, 统一社会信用代码=code, 联系电话="１３８６３２０１１１１")])
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    employer.refresh_from_db()
    assert Employer.objects.count() == 1 and employer.contact_phone == "13863201111"


def test_one_bad_row_imports_nothing_and_the_report_names_its_row_and_column(community_staff, community):
    batch = upload(community_staff, [row(1, community), row(2, community, 统一社会信用代码="91370402ABCDEFGH1X")])
    assert batch.status == ImportStatus.INVALID
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "统一社会信用代码")]
    with pytest.raises(ValidationError):
        employer_import_batch_confirm(actor=community_staff, batch=batch)
    assert not Employer.objects.exists()


def test_a_credit_code_twice_in_the_file_is_reported_on_the_second_row(community_staff, community):
    batch = upload(community_staff, [row(1, community), row(1, community, 单位名称="另一家")])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(3, "credit_code")]


def test_survey_figures_without_a_date_are_reported_not_dropped(community_staff, community):
    batch = upload(community_staff, [row(1, community, 用工数量=12, 缺工人数=2)])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "surveyed_on")]


def test_a_formula_cell_is_refused(community_staff, community):
    batch = upload(community_staff, [row(1, community, 单位名称="=HYPERLINK(1)")])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "name")]


def test_an_employer_of_another_area_cannot_be_taken_over(community_staff, community, far_community):
    EmployerFactory(community=far_community, credit_code=valid_credit_code(7))
    batch = upload(community_staff, [row(7, community)])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "credit_code")]


def test_an_employer_registered_between_check_and_confirm_stops_the_whole_import(
    community_staff, community, far_community
):
    batch = upload(community_staff, [row(1, community), row(2, community)])
    assert batch.status == ImportStatus.READY
    EmployerFactory(community=far_community, credit_code=valid_credit_code(2))
    batch = employer_import_batch_confirm(actor=community_staff, batch=batch)
    assert batch.status == ImportStatus.INVALID
    assert [(e["row"], e["field"]) for e in batch.errors] == [(3, "credit_code")]
    assert Employer.objects.count() == 1  # only the other area's


def test_a_file_of_twenty_thousand_and_one_rows_is_refused_not_cut(community_staff, community):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["单位名称", "统一社会信用代码", "社区代码"])
    for n in range(20_001):
        ws.append([f"用工单位{n}", valid_credit_code(n + 1), community.code])
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(ValidationError, match="more than 20000 rows"):
        employer_import_batch_create(actor=community_staff, filename="big.xlsx", data=buffer.getvalue())
    assert not EmployerImportBatch.objects.exists()


def test_the_row_limit_is_the_ledgers_and_is_twenty_thousand():
    assert employer_imports.MAX_ROWS == reading.MAX_ROWS == 20_000


def test_every_row_up_to_the_limit_is_kept(community_staff, community, monkeypatch):
    monkeypatch.setattr(employer_imports, "MAX_ROWS", 3)
    batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    assert batch.row_count == 3 and [r["row"] for r in batch.rows] == [2, 3, 4]


def test_rows_after_blank_lines_are_read_not_dropped(community_staff, community):
    blank = [""] * len(HEADERS)
    batch = upload(community_staff, [row(1, community), blank, blank, row(2, community)])
    assert [r["row"] for r in batch.rows] == [2, 5]


def test_a_sheet_without_the_required_columns_is_refused(community_staff, community):
    with pytest.raises(ValidationError, match="Missing columns"):
        upload(community_staff, [["好邻居超市", community.code]], headers=["单位名称", "社区代码"])


def test_a_failed_import_step_goes_back_to_waiting_for_the_tasks_retry(community_staff, community, monkeypatch):
    from django.db import OperationalError

    def lost_connection(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    batch = upload(community_staff, [row(1, community), row(2, community)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    monkeypatch.setattr(employer_imports, "_write", lost_connection)
    with pytest.raises(OperationalError):
        employer_import_batch_execute(batch_pk=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.QUEUED
    assert not Employer.objects.exists()


def test_try_again_on_an_import_that_did_not_fail_is_refused(community_staff, community):
    batch = upload(community_staff, [row(1, community)])
    with pytest.raises(ValidationError):
        employer_import_batch_retry(actor=community_staff, batch=batch)


def test_rows_are_checked_against_the_uploaders_area(street_officer, community, sibling_community, far_community):
    batch = upload(street_officer, [row(1, community), row(2, sibling_community), row(3, far_community)])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(4, "community_code")]


def test_the_bureau_cannot_import(district_bureau, community):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        upload(district_bureau, [row(1, community)])


def test_check_and_import_queries_do_not_grow_with_rows(community_staff, community, django_assert_max_num_queries):
    for rows in ([row(n, community) for n in range(1, 6)], [row(n, community) for n in range(100, 160)]):
        with django_assert_max_num_queries(12):
            batch = upload(community_staff, rows)
    with django_assert_max_num_queries(25):
        employer_import_batch_confirm(actor=community_staff, batch=batch)
    assert Employer.objects.count() == 60


def test_the_employers_import_marks_a_survey_dated_in_a_closed_month(community_staff, employer, month):
    close_month(community=employer.community, by=community_staff)
    data = workbook_bytes(
        ["单位名称", "统一社会信用代码", "社区代码", "调查日期", "用工数量", "缺工人数"],
        [[employer.name, employer.credit_code, employer.community.code, day_in(month).isoformat(), 12, 3]],
    )
    batch = services.employer_import_batch_create(actor=community_staff, filename="a.xlsx", data=data)
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "surveyed_on")]
    assert month.label in batch.errors[0]["message"]
    assert not LabourSurvey.objects.exists()
