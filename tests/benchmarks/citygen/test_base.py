import random

from benchmarks.citygen.base import PARETO_CAP
from benchmarks.citygen.generator import CityGenerator
from tests.benchmarks.citygen.conftest import TINY


def test_no_community_is_drawn_beyond_the_cap_of_its_weight():
    generator = CityGenerator(rng=random.Random(7), sizes=TINY)

    weights = generator.community_weights(list(range(5000)))

    assert max(weights) <= PARETO_CAP
    assert max(weights) > 10 * sorted(weights)[len(weights) // 2]  # still far busier than the median
