"""Demo data: examples (to be written)."""


def seed_examples(*, scale, rng, stdout=None):
    return None
