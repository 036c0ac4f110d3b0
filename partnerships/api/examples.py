"""API: examples (to be written)."""

routes = []
