from benchmarks.measures import exports
from tests.factories.residents import ResidentFactory

KEYS = {"name", "value", "unit", "limit", "ratio", "target", "met", "note", "load_average"}


def test_ledger_export_figure_has_the_json_shape(db, community, community_staff):
    from tests.factories.assistance import AssistanceCaseFactory

    AssistanceCaseFactory(resident=ResidentFactory(community=community), assigned_to=community_staff)
    (result,) = exports.measure_ledger_export(repeat=1)
    assert result.name == "12333 ledger export (busiest community)"
    assert set(result.as_json()) == KEYS


def test_resident_list_export_figure_counts_the_busiest_communitys_rows(db, community, community_staff):
    ResidentFactory.create_batch(3, community=community)

    (result,) = exports.measure_export(repeat=1)

    assert result.name == "resident list export (busiest community)"
    assert result.note == "3 rows"
    assert set(result.as_json()) == KEYS


def test_closing_an_export_made_outside_a_request_keeps_the_database_connection(db, community_staff):
    from django.db import connection

    from stations.exports import resident_export

    connection.ensure_connection()
    raw = connection.connection

    exports.closed(resident_export(user=community_staff, filters={}))

    assert connection.connection is raw
