"""Reading filter values from query strings (every app's lists and APIs): a value that is no row id or no
year is ignored (None), never passed on to the database.

`str.isdigit()` is not enough: it accepts "²" and other Unicode digits that
int() refuses, and a long run of digits overflows the database's integers
(SQLite raises OverflowError) or Python's limit on converting text to int.
"""

from __future__ import annotations

# Row ids are at most PostgreSQL's integer; larger ids do not exist.
MAX_PK = 2**31 - 1
FIRST_YEAR = 2000
LAST_YEAR = 2100


def _ascii_digits(value) -> str | None:
    text = str(value if value is not None else "").strip()
    return text if text and text.isascii() and text.isdigit() else None


def parse_pk(value) -> int | None:
    """A row id (1 to 2**31-1, ASCII digits only) or None."""
    text = _ascii_digits(value)
    if text is None or len(text) > len(str(MAX_PK)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_PK else None


def parse_year(value) -> int | None:
    """A year of four ASCII digits from 2000 to 2100, or None."""
    text = _ascii_digits(value)
    if text is None or len(text) != 4:
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def pk_text(value) -> str:
    """parse_pk for a filter shown back on the page: the id as text, or ""."""
    number = parse_pk(value)
    return "" if number is None else str(number)


def year_text(value) -> str:
    """parse_year for a filter shown back on the page: the year as text, or ""."""
    year = parse_year(value)
    return "" if year is None else str(year)
