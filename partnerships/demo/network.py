"""Demo data: network (to be written)."""


def seed_network(*, scale, rng, stdout=None):
    return None
