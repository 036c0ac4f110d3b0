"""What the ledger import tests share: English messages, a ledger workbook and its rows, uploading one."""

import datetime as dt

import pytest
from django.utils import translation

from stations.imports.services import (
    resident_import_batch_create,
)
from tests.factories import valid_id_number
from tests.factories.imports import workbook_bytes


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the English source text."""
    with translation.override("en"):
        yield


HEADERS = ["姓名", "身份证号", "手机号", "社区名称", "住址", "文化程度", "就业状态", "人员类别"]


def xlsx(rows, headers=HEADERS) -> bytes:
    return workbook_bytes(headers, rows)


def good_row(n=0, **overrides):
    row = {
        "姓名": f"居民{n}",
        "身份证号": valid_id_number(birth=dt.date(1985, 1, 1) + dt.timedelta(days=n), serial=n % 100),
        "手机号": f"139{n:08d}",
        "社区名称": "",
        "住址": f"光明路{n}号",
        "文化程度": "高中",
        "就业状态": "登记失业",
        "人员类别": "退役军人",
    }
    row.update(overrides)
    return [row[h] for h in HEADERS]


def upload(user, rows, *, update_existing=False, headers=HEADERS):
    return resident_import_batch_create(
        actor=user, filename="台账.xlsx", data=xlsx(rows, headers), update_existing=update_existing
    )


def errors_of(batch):
    return [(e["row"], e["column"]) for e in batch.errors]


# --- one person, however the digits were typed --------------------------------------------
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def bad_row(n):
    return good_row(n, 身份证号="370402198501011234")  # wrong check digit
