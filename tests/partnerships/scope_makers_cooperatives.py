"""Scope makers: cooperatives."""
