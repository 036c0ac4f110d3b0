"""Scope makers: funds."""
