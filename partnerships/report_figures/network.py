"""Report figures: network (to be written)."""

SOURCE = None
