"""Report figures: cooperatives (to be written)."""

SOURCE = None
