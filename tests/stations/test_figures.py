"""The figures registry (stations/figures.py): months as periods, values merged by community."""

import datetime as dt

from stations.figures import all_figures, merge_rows, month_period, sources


def test_a_month_is_a_period_from_its_first_to_its_last_day():
    period = month_period(2024, 2)
    assert (period.start, period.end, period.end_exclusive, period.label) == (
        dt.date(2024, 2, 1), dt.date(2024, 2, 29), dt.date(2024, 3, 1), "2024-02",
    )  # fmt: skip


def test_rows_are_merged_into_each_communitys_figures():
    target = {1: {"a": 1.0}}
    merge_rows(target, [(1, "b", 2.0), (2, "a", 3.0)])
    assert target == {1: {"a": 1.0, "b": 2.0}, 2: {"a": 3.0}}


def test_every_registered_figure_has_a_unique_key():
    keys = [figure.key for figure in all_figures()]
    assert sources() and len(keys) == len(set(keys))
