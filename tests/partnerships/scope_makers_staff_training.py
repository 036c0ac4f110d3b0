"""Scope makers: staff_training."""
