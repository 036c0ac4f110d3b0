"""Downloads of the jobs app: the employer register with its labour surveys
(用工调查), in the columns of the city's ledger. Scoped to the user; every
download is written to the audit log."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs import selectors
from jobs.models import Employer
from stations.audit import audit_record
from stations.excel import xlsx_response
from stations.models import AuditAction

EXPORT_HEADERS = [
    "单位名称",
    "统一社会信用代码",
    "社区代码",
    "社区",
    "单位类型",
    "行业",
    "规模",
    "地址",
    "联系人",
    "联系电话",
    "调查日期",
    "用工数量",
    "缺工人数",
    "用工条件",
]


def _employer_cells(e: Employer) -> list:
    """The employer's columns, the same on both sheets."""
    return [
        e.name,
        e.credit_code,
        e.community.code,
        e.community.name,
        e.get_legal_form_display(),
        e.industry,
        e.get_size_display(),
        e.address,
        e.contact_name,
        e.contact_phone,
    ]


def employer_export(*, user, request=None) -> HttpResponse:
    """Employers on one sheet, their labour surveys (one row each, newest first
    per employer) on a second, both with the same columns."""
    employers = selectors.employers_for_export(user=user)
    surveys = selectors.labour_surveys_for_export(user=user)

    def employer_rows():
        for e in employers.iterator(chunk_size=2000):
            yield [*_employer_cells(e), "", "", "", ""]

    def survey_rows():
        for s in surveys.iterator(chunk_size=2000):
            yield [*_employer_cells(s.employer), s.surveyed_on, s.headcount, s.shortage, s.conditions]

    audit_record(actor=user, action=AuditAction.EXPORT, object_repr="jobs:employers.xlsx", request=request)
    return xlsx_response(
        f"employers-{timezone.localdate():%Y%m%d}.xlsx",
        [(_("Employers"), EXPORT_HEADERS, employer_rows()), (_("Labour surveys"), EXPORT_HEADERS, survey_rows())],
    )
