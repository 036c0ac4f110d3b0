"""The ledger's columns (stations/imports/columns.py): headers read however they were typed."""

from stations.imports.columns import COLUMNS_BY_KEY, allowed_values, header_lookup, normalise_header


def test_a_header_with_hints_and_marks_reads_as_its_column():
    assert normalise_header("身份证号(必填)*") == "身份证号"
    assert header_lookup()[normalise_header(" 居民姓名： ")] == "name"


def test_the_instructions_list_the_allowed_words_of_a_yes_no_column():
    yes_no = COLUMNS_BY_KEY["is_graduate"]
    assert allowed_values(yes_no) == "是、否"
