"""Models for this capability; see DOMAIN.md."""
