from benchmarks.measures import hygiene, reports
from reports.assemble import build_table
from reports.nodes import Node
from tests.factories.residents import ResidentFactory

KEYS = {"name", "value", "unit", "limit", "ratio", "target", "met", "note", "load_average"}


def test_plain_workbook_writes_the_tables_cells(db, community, period):
    ResidentFactory(community=community)
    table = build_table(Node("city", None), period)
    assert reports.plain_workbook(table)[:2] == b"PK"  # an xlsx is a zip


def test_workbook_figures_have_the_json_shape(db, community, period):
    ResidentFactory(community=community)
    results = reports.measure_workbook(period=period, repeat=1)
    assert [r.name for r in results] == [
        "city workbook build (last month)",
        "city workbook peak memory",
        "workbook queries: city vs biggest district",
    ]
    assert all(set(r.as_json()) == KEYS for r in results)


def test_dashboard_figure_has_the_json_shape(db, community):
    ResidentFactory(community=community)
    with hygiene.nothing_left_behind():
        results = reports.measure_dashboard(repeat=1)
    assert [r.target for r in results] == ["ratio <= 10", "ratio <= 1.5"]
    assert all(set(r.as_json()) == KEYS for r in results)
