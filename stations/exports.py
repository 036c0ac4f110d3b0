"""Resident list export (居民名单导出) to xlsx.

The export is the list the user is looking at (same selector, same filters,
same scope), with ID numbers and phones masked, Chinese headers, and every
cell a spreadsheet would run as a formula neutralised (stations.excel). It
streams rows from the database in chunks into a write-only workbook, so
memory stays flat whatever the size. Sensitive groups (hardship, disability,
correction) are left out: a list travels further than the record page.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook

from stations.audit import audit_record
from stations.excel import XLSX_CONTENT_TYPE, write_sheet
from stations.imports.columns import (
    EDUCATION_WORDS,
    GROUP_WORDS,
    PATTERN_WORDS,
    SKILL_WORDS,
    STATUS_WORDS,
    label_for,
)
from stations.models import SKILL_AND_WISH_FIELDS, AuditAction, Resident, User
from stations.occupations import occupation_name
from stations.services.common import require
from stations.validators import mask_mobile, mask_resident_id

HEADERS = (
    "社区",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "手机号",
    "住址",
    "文化程度",
    "就业状态",
    "技能等级",
    "技能",
    "培训意愿",
    "意向培训",
    "意向岗位类别",
    "意向岗位",
    "意向用工形式",
    "期望月薪",
    "高校毕业生",
    "毕业院校",
    "毕业时间",
    "人员类别",
    "四清完成项",
)
WIDTHS = (14, 8, 20, 5, 11, 13, 24, 10, 10, 9, 14, 8, 14, 22, 14, 11, 9, 9, 16, 11, 22, 9)
CHUNK_SIZE = 2000
# Filters that may travel in the export URL: never a search text (an ID or phone).
URL_FILTERS = ("community", "status", "group", "skill", "four_clears", "removed", "sort")


def _yes_no(value) -> str:
    return "" if value is None else ("是" if value else "否")


# The columns a row is made of, read as plain tuples: no model instances, no
# columns the sheet does not show (the export measured 1.94x a bare SELECT
# with instances and per-row groups; tuples of these columns 1.04x).
ROW_COLUMNS = (
    "pk",
    "community__name",
    "name",
    "id_number",
    "sex",
    "birth_date",
    "mobile",
    "address",
    "education",
    "employment_status",
    *SKILL_AND_WISH_FIELDS,
    "is_graduate",
    "graduation_school",
    "graduation_date",
    "four_clears_score",
)


def resident_export_queryset(*, user, filters: dict) -> QuerySet[Resident]:
    """The registry's list (the same selector, filters, scope and order as the
    page), without the page's extra columns: the rows are read as tuples."""
    from stations.selectors import resident_search

    return resident_search(user=user, filters=filters)


def _shown_groups(pks: list[int]) -> dict[int, list[str]]:
    """The non-sensitive target group codes of `pks`, in the groups' order."""
    from stations.selectors import resident_shown_group_codes

    return resident_shown_group_codes(pks=pks)


def _row(values: tuple, groups: list[str]) -> tuple:
    (
        _pk,
        community,
        name,
        id_number,
        sex,
        birth_date,
        mobile,
        address,
        education,
        status,
        skill,
        skills,
        wants_training,
        course_types,
        occupation,
        job_categories,
        pattern,
        salary,
        is_graduate,
        school,
        graduated_on,
        score,
    ) = values
    return (
        community,
        name,
        mask_resident_id(id_number),
        "男" if sex == "M" else "女",
        birth_date.isoformat() if birth_date else "",
        mask_mobile(mobile),
        address,
        label_for(EDUCATION_WORDS, education) if education else "",
        label_for(STATUS_WORDS, status) if status else "",
        label_for(SKILL_WORDS, skill) if skill else "",
        skills,
        _yes_no(wants_training),
        course_types,
        # Code and name in one cell, as the form's label: the ledger import reads it back.
        f"{occupation} {occupation_name(occupation)}" if occupation else "",
        job_categories,
        label_for(PATTERN_WORDS, pattern) if pattern else "",
        salary,
        _yes_no(is_graduate),
        school,
        graduated_on.isoformat() if graduated_on else "",
        "、".join(label_for(GROUP_WORDS, code) for code in groups),
        score,
    )


def resident_export_rows(queryset: QuerySet[Resident]) -> Iterator[tuple]:
    """The sheet's rows for `queryset`, streamed CHUNK_SIZE at a time: one
    query for the chunk's columns (a server-side cursor on PostgreSQL) and
    one for its target groups."""
    values = queryset.select_related(None).prefetch_related(None).values_list(*ROW_COLUMNS)
    chunk: list[tuple] = []
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(row)
        if len(chunk) >= CHUNK_SIZE:
            yield from _rows_of(chunk)
            chunk = []
    if chunk:
        yield from _rows_of(chunk)


def _rows_of(chunk: list[tuple]) -> Iterator[tuple]:
    groups = _shown_groups([row[0] for row in chunk])
    for row in chunk:
        yield _row(row, groups.get(row[0], []))


class _CountingRows:
    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def resident_export(*, user: User, filters: dict, request=None) -> FileResponse:
    """An xlsx of the filtered resident list in the user's scope, with one
    EXPORT audit entry naming the filters and the row count."""
    require(user, "stations.export_residents")
    filters = {k: v for k, v in filters.items() if k in URL_FILTERS and v not in (None, "")}
    queryset = resident_export_queryset(user=user, filters=filters)
    workbook = Workbook(write_only=True)
    rows = _CountingRows(resident_export_rows(queryset))
    write_sheet(workbook.create_sheet("居民名单"), HEADERS, rows, widths=WIDTHS)
    # Spooled: small exports stay in memory, big ones go to a temporary file.
    buffer = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 (closed by FileResponse)
    workbook.save(buffer)
    buffer.seek(0)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        request=request,
        object_repr="居民名单",
        changes={"rows": rows.count, "filters": filters},
    )
    filename = f"居民名单-{timezone.localdate():%Y%m%d}.xlsx"
    response = FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    response.personal_data = True
    return response
