"""Demo data: staff_training (to be written)."""


def seed_staff_training(*, scale, rng, stdout=None):
    return None
