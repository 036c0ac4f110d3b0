"""Demo data: cooperatives (to be written)."""


def seed_cooperatives(*, scale, rng, stdout=None):
    return None
