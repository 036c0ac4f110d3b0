"""Shared helpers of the training views."""

from stations.forms.errors import add_service_errors

__all__ = ["add_service_errors"]
