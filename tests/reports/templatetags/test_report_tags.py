"""Template filters of the report pages."""

import pytest

from reports.templatetags.report_tags import get_item, percent_change


@pytest.mark.parametrize(("value", "shown"), [(12.5, "+12.5%"), (-3.0, "-3%"), (0, "0%"), (None, "—")])
def test_a_percent_change_is_shown_with_its_sign(value, shown):
    assert percent_change(value) == shown


def test_an_item_of_no_mapping_is_none():
    assert (get_item({"a": 1}, "a"), get_item(None, "a")) == (1, None)
