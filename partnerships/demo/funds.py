"""Demo data: funds (to be written)."""


def seed_funds(*, scale, rng, stdout=None):
    return None
