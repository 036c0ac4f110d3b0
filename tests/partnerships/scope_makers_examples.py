"""Scope makers: examples."""
