from benchmarks.measures import matching
from tests.factories.jobs import PostingFactory
from tests.factories.residents import ResidentFactory


def test_matching_figure_has_the_json_shape(db, community):
    ResidentFactory(community=community, employment_status="unemployed", wanted_job_categories="保洁")
    PostingFactory(community=community)
    (result,) = matching.measure_matching(repeat=1)
    assert result.unit == "ms"
    assert result.target == "value <= 200 ms"
