from benchmarks.bare_sql import run_workbook_queries, workbook_queries
from tests.factories.residents import ResidentFactory, ServiceRecordFactory


def test_bare_workbook_sql_runs(db, community, period):
    resident = ResidentFactory(community=community)
    ServiceRecordFactory(resident=resident, served_on=period.start)
    assert run_workbook_queries(period) >= 1


def test_each_workbook_query_has_a_parameter_for_each_placeholder(period):
    for sql, params in workbook_queries(period):
        assert sql.count("%s") == len(params), sql
