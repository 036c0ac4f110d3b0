"""Checking ledger rows the way the resident form checks one record
(stations/imports/validation.py)."""

import datetime as dt

import pytest

from stations.models import (
    ImportStatus,
)
from tests.factories import ResidentFactory, valid_id_number
from tests.stations.imports.conftest import FULL_WIDTH, HEADERS, errors_of, good_row, upload


# --- each error kind, with its row and column ----------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "column", "words"),
    [
        ({"身份证号": "370402198001010012"}, "身份证号", "check character"),
        ({"身份证号": "37040219800101"}, "身份证号", "18 characters"),
        ({"身份证号": "370402198002300011"}, "身份证号", "not a real date"),
        ({"手机号": "2391234567"}, "手机号", "11 digits"),
        ({"文化程度": "幼儿园"}, "文化程度", "is not one of"),
        ({"就业状态": "摸鱼"}, "就业状态", "is not one of"),
        ({"人员类别": "外星人"}, "人员类别", "Unknown group"),
        ({"姓名": ""}, "姓名", "required"),
        ({"社区名称": "火星社区"}, "社区名称", "not a community in your area"),
    ],
)
def test_each_error_kind_is_reported_with_row_and_column(community_staff, overrides, column, words):
    batch = upload(community_staff, [good_row(1), good_row(2, **overrides)])
    assert batch.status == ImportStatus.INVALID
    assert errors_of(batch) == [(3, column)]
    assert words in batch.errors[0]["message"]


def test_graduation_rules_of_the_form_apply_to_rows(community_staff):
    headers = [*HEADERS, "高校毕业生", "毕业时间"]
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    batch = upload(community_staff, [[*good_row(1, 文化程度="本科"), "是", future]], headers=headers)
    assert errors_of(batch) == [(2, "毕业时间")]
    assert "future" in batch.errors[0]["message"]


def test_scientific_notation_id_cell_is_caught_and_explained(community_staff):
    row = good_row(1)
    row[1] = 3.70402198501011e17  # what Excel keeps after turning the ID into a number
    batch = upload(community_staff, [row])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "3.70402E+17" in batch.errors[0]["message"]
    assert "as a number" in batch.errors[0]["message"]


def test_scientific_notation_typed_as_text_is_caught(community_staff):
    batch = upload(community_staff, [good_row(1, 身份证号="3.70402E+17")])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "turned into a number" in batch.errors[0]["message"]


def test_fifteen_digit_number_in_the_id_column_is_caught(community_staff):
    row = good_row(1)
    row[1] = 370402850101123
    batch = upload(community_staff, [row])
    assert errors_of(batch) == [(2, "身份证号")]


def test_id_whose_last_digits_were_zeroed_is_explained(community_staff):
    batch = upload(community_staff, [good_row(1, 身份证号="370402198501011000")])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "lost the last digits" in batch.errors[0]["message"]


def test_duplicate_id_within_the_file_is_reported_on_the_second_row(community_staff):
    first = good_row(1)
    batch = upload(community_staff, [first, good_row(2), good_row(3, 身份证号=first[1])])
    assert errors_of(batch) == [(4, "身份证号")]
    assert "row 2" in batch.errors[0]["message"]


def test_one_id_number_typed_twice_in_a_file_in_two_widths_is_one_person(community_staff):
    first = good_row(1)
    batch = upload(community_staff, [first, good_row(2, 身份证号=first[1].translate(FULL_WIDTH))])
    assert errors_of(batch) == [(3, "身份证号")]


def test_a_row_with_the_number_of_a_merged_record_is_explained(community_staff, street_officer, community):
    from stations.services.merges import resident_merge

    kept = ResidentFactory(community=community, name="王秀英", mobile="13905328861")
    typo = valid_id_number(birth=kept.birth_date, male=kept.sex == "M", serial=77)
    merged = ResidentFactory(community=community, name="王秀英", mobile="13905328861", id_number=typo)
    resident_merge(actor=street_officer, kept=kept, duplicate=merged)
    batch = upload(community_staff, [good_row(1, 身份证号=typo)], update_existing=True)
    assert errors_of(batch) == [(2, "身份证号")]
    assert "merged" in batch.errors[0]["message"]
