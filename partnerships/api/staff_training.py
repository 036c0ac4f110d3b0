"""API: staff_training (to be written)."""

routes = []
