"""Who else needs to know when a resident is placed in a job.

A placement is made in one place, `jobs.services.recommendation_transition`
(the HIRED step). Apps that keep records a hire can complete (the partner
network's commitments of posts) register a listener here from their
AppConfig.ready(); jobs imports none of them. Listeners run inside the
transaction that makes the placement, so the hire and what follows from it
are written together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobs.models import Placement

_LISTENERS: list[Callable[[Placement], object]] = []


def register_placement_listener(listener: Callable[[Placement], object]) -> None:
    """`listener(placement)` is called for every new placement."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def placement_made(placement: Placement) -> None:
    for listener in _LISTENERS:
        listener(placement)
