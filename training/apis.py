"""API routes of this app: (prefix, viewset, basename)."""

routes: list = []
