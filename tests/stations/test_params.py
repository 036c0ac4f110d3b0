"""Filter values from query strings (stations/params.py): what is no row id or no year is ignored."""

import pytest

from stations.params import parse_pk, parse_year, pk_text, year_text


@pytest.mark.parametrize("value", ["0", "-1", "²", "１２", "12a", "", None, "9" * 30, str(2**31)])
def test_what_is_no_row_id_reads_as_none(value):
    assert parse_pk(value) is None


def test_a_row_id_is_read_and_shown_back():
    assert (parse_pk(" 42 "), pk_text("42"), pk_text("x")) == (42, "42", "")


@pytest.mark.parametrize(("value", "year"), [("2026", 2026), ("1999", None), ("2101", None), ("26", None)])
def test_a_year_is_four_digits_from_2000_to_2100(value, year):
    assert parse_year(value) == year
    assert year_text(value) == ("" if year is None else str(year))
