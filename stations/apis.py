"""API routes of the base app: region and stations."""

routes: list = []
