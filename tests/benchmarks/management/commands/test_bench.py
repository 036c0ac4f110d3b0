import pytest
from django.core.management import CommandError, call_command
from django.db import connection


def test_bench_command_refuses_sqlite(db):
    if connection.vendor != "sqlite":
        pytest.skip("checks the refusal on SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench")


# --- how cost grows ---------------------------------------------------------------------------
def test_slope_is_zero_for_a_flat_figure_and_one_for_a_linear_one():
    from benchmarks.management.commands.bench import growth_rows

    small = [
        {"name": "flat", "value": 2.0, "unit": "ms", "ratio": 1},
        {"name": "lin", "value": 1.0, "unit": "s", "ratio": 1},
    ]
    big = [
        {"name": "flat", "value": 2.0, "unit": "ms", "ratio": 1},
        {"name": "lin", "value": 4.0, "unit": "s", "ratio": 4},
    ]

    rows = {r["name"]: r for r in growth_rows(big, small, 4.0)}

    assert rows["flat"]["slope"] == pytest.approx(0)
    assert rows["lin"]["slope"] == pytest.approx(1)
    assert rows["lin"]["growth"] == pytest.approx(4)


def test_slope_skips_figures_missing_from_either_run():
    from benchmarks.management.commands.bench import growth_rows

    big = [{"name": "only here", "value": 1.0, "unit": "s", "ratio": 1}]
    assert growth_rows(big, [], 4.0) == []
