"""API: network (to be written)."""

routes = []
