"""Scope makers of the partnerships app: one module per area registers its own."""

from tests.partnerships import (  # noqa: F401  (importing registers the makers)
    scope_makers_cooperatives,
    scope_makers_examples,
    scope_makers_funds,
    scope_makers_network,
    scope_makers_staff_training,
)
