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
from stations.models import SENSITIVE_GROUPS, AuditAction, Resident, User
from stations.services.common import require

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
    "意向岗位",
    "意向用工形式",
    "期望月薪",
    "高校毕业生",
    "毕业院校",
    "毕业时间",
    "人员类别",
    "四清完成项",
)
WIDTHS = (14, 8, 20, 5, 11, 13, 24, 10, 10, 9, 14, 8, 14, 14, 11, 9, 9, 16, 11, 22, 9)
CHUNK_SIZE = 2000
# Filters that may travel in the export URL: never a search text (an ID or phone).
URL_FILTERS = ("community", "status", "group", "skill", "four_clears", "removed", "sort")


def _yes_no(value) -> str:
    return "" if value is None else ("是" if value else "否")


def resident_export_queryset(*, user, filters: dict) -> QuerySet[Resident]:
    """The registry's list selector when present, else the user's active residents."""
    try:
        from stations.selectors_residents import resident_list
    except ImportError:  # the registry selector ships separately
        return Resident.objects.visible_to(user).active().select_related("community").prefetch_related("target_groups")
    return resident_list(user=user, filters=filters)


def resident_export_rows(queryset: QuerySet[Resident]) -> Iterator[tuple]:
    for r in queryset.iterator(chunk_size=CHUNK_SIZE):
        groups = [label_for(GROUP_WORDS, g.code) for g in r.target_groups.all() if g.code not in SENSITIVE_GROUPS]
        yield (
            r.community.name,
            r.name,
            r.masked_id_number,
            "男" if r.sex == "M" else "女",
            r.birth_date.isoformat() if r.birth_date else "",
            r.masked_mobile,
            r.address,
            label_for(EDUCATION_WORDS, r.education) if r.education else "",
            label_for(STATUS_WORDS, r.employment_status) if r.employment_status else "",
            label_for(SKILL_WORDS, r.skill_level) if r.skill_level else "",
            r.skills,
            _yes_no(r.wants_training),
            r.wanted_course_types,
            r.wanted_job_categories,
            label_for(PATTERN_WORDS, r.wanted_work_pattern) if r.wanted_work_pattern else "",
            r.salary_expectation,
            _yes_no(r.is_graduate),
            r.graduation_school,
            r.graduation_date.isoformat() if r.graduation_date else "",
            "、".join(groups),
            r.four_clears_score,
        )


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
