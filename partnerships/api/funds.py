"""API: funds (to be written)."""

routes = []
