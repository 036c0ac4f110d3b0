import json

from benchmarks.measures import (
    results,
)

KEYS = {"name", "value", "unit", "limit", "ratio", "target", "met", "note", "load_average"}


def test_ratio_result_is_met_within_the_ratio():
    assert results.ratio_result("x", 1.4, 1.0, "s", at_most=1.5).met is True
    assert results.ratio_result("x", 1.6, 1.0, "s", at_most=1.5).met is False


def test_floor_result_is_met_at_or_above_the_share():
    assert results.floor_result("x", 40, 100, "req/s", at_least=0.3).met is True
    assert results.floor_result("x", 20, 100, "req/s", at_least=0.3).met is False


def test_ceiling_result_holds_the_value_not_the_ratio():
    result = results.ceiling_result("x", 150, 10, "ms", value_at_most=200)
    assert result.met is True
    assert result.ratio == 15


def test_result_without_limit_has_no_ratio_and_is_not_met():
    result = results.ratio_result("x", 1.0, 0, "s", at_most=2)
    assert result.ratio is None
    assert result.met is False


def test_json_is_a_list_of_objects_with_every_key(tmp_path):
    path = tmp_path / "bench" / "latest.json"
    results.write_json([results.ratio_result("城市", 2.0, 1.0, "s", at_most=1.5, note="n")], path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    assert set(data[0]) == KEYS
    assert data[0]["ratio"] == 2.0
    assert data[0]["met"] is False


def test_table_says_plainly_when_a_target_is_missed():
    table = results.format_table([results.ratio_result("export", 2.0, 1.0, "s", at_most=1.3)])
    assert "NO" in table.splitlines()[1]


def test_markdown_table_has_a_row_per_result():
    lines = [results.ratio_result(f"f{i}", 1.0, 1.0, "s", at_most=2) for i in range(3)]
    assert len(results.markdown_table(lines).splitlines()) == 5
