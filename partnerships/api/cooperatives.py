"""API: cooperatives (to be written)."""

routes = []
