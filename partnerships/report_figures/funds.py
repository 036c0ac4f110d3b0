"""Report figures: funds (to be written)."""

SOURCE = None
