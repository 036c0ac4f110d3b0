"""Report figures: staff training and typical examples (to be written)."""

SOURCE = None
