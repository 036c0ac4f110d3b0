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


# --- a run ------------------------------------------------------------------------------------
def test_a_run_analyzes_first_prints_the_load_and_writes_it_with_each_line(db, community, tmp_path):
    import io
    import json

    from tests.factories.jobs import PostingFactory
    from tests.factories.residents import ResidentFactory

    if connection.vendor != "postgresql":
        pytest.skip("the benchmark runs on PostgreSQL only")
    ResidentFactory(community=community, employment_status="unemployed", wanted_job_categories="保洁")
    PostingFactory(community=community)
    output, path = io.StringIO(), tmp_path / "bench" / "latest.json"

    call_command("bench", only="matching", repeat=1, output=str(path), compare="", stdout=output)

    printed = output.getvalue()
    assert "statistics: autovacuum is" in printed
    assert "measuring matching ... (load average" in printed
    lines = json.loads(path.read_text(encoding="utf-8"))
    assert [line["name"] for line in lines] == [
        "match one resident against live postings",
        "rows left behind by the run",
    ]
    assert len(lines[0]["load_average"]) == 2
    assert (lines[1]["value"], lines[1]["met"]) == (0, True)
