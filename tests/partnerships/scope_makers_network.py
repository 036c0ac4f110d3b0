"""Scope makers: network."""
