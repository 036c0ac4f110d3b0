from benchmarks.measures import timing
from stations.models import Resident
from tests.factories.residents import ResidentFactory


def test_percentile_picks_the_nearest_rank():
    values = list(range(101))
    assert timing.percentile(values, 0.95) == 95
    assert timing.percentile(values, 0.5) == 50


def test_rolled_back_work_is_timed_and_leaves_no_row(db, community):
    seconds = timing.rolled_back(lambda: ResidentFactory(community=community))

    assert seconds > 0
    assert not Resident.objects.exists()


def test_alternate_runs_each_side_in_turns_after_a_warm_up():
    calls = []

    def side(name, seconds):
        def run():
            calls.append(name)
            return seconds

        return run

    assert timing.alternate(side("product", 2.0), side("limit", 1.0), 2) == (2.0, 1.0)
    assert calls == ["product", "limit"] * 3
