"""Query-string values read as row ids and budget years: anything that is not
plain ASCII digits in range is no value at all (never a 500)."""

import pytest

from stations.params import parse_pk, parse_year, pk_text, year_text

# `²` passes str.isdigit() but not int(); twenty nines overflow SQLite's 64-bit
# integers; fourteen nines are no year; five thousand digits exceed Python's
# limit on converting text to int.
BAD_VALUES = ["²", "9" * 20, "9" * 14, "-1", "1e5", "9" * 5000]


@pytest.mark.parametrize("value", [*BAD_VALUES, "0", "2147483648", "", None, " 12a"])
def test_parse_pk_refuses_what_is_no_row_id(value):
    assert parse_pk(value) is None


@pytest.mark.parametrize(("value", "expected"), [("7", 7), (" 42 ", 42), (42, 42), ("2147483647", 2**31 - 1)])
def test_parse_pk_reads_ascii_digits(value, expected):
    assert parse_pk(value) == expected


@pytest.mark.parametrize("value", [*BAD_VALUES, "1999", "2101", "25", "２０２５", "", None])
def test_parse_year_refuses_what_is_no_budget_year(value):
    assert parse_year(value) is None


@pytest.mark.parametrize(("value", "expected"), [("2025", 2025), ("2000", 2000), (2100, 2100)])
def test_parse_year_reads_four_ascii_digits(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize("value", ["0", "-1", "²", "１２", "12a", "", None, "9" * 30, str(2**31)])
def test_what_is_no_row_id_reads_as_none(value):
    assert parse_pk(value) is None


def test_a_row_id_is_read_and_shown_back():
    assert (parse_pk(" 42 "), pk_text("42"), pk_text("x")) == (42, "42", "")


@pytest.mark.parametrize(("value", "year"), [("2026", 2026), ("1999", None), ("2101", None), ("26", None)])
def test_a_year_is_four_digits_from_2000_to_2100(value, year):
    assert parse_year(value) == year
    assert year_text(value) == ("" if year is None else str(year))
