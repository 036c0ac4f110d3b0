"""What a refused write would change, and the error that says so."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.figures import all_figures, as_built_keys
from stations.models import RefusedChange

from .backend import registered
from .tokens import TOKEN_MAX_AGE

# How many figures a refusal names before "…": the rest are on the request page.
FIGURES_IN_MESSAGE = 3


@dataclass
class MonthChange:
    """The figures of one community's closed month before and after a write."""

    community_id: int
    community_name: str
    month: dt.date  # first day
    figures: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"

    def dated(self) -> MonthChange:
        """Only the figures that count dated events (what a close protects)."""
        skip = as_built_keys()
        kept = {k: v for k, v in self.figures.items() if k not in skip}
        return MonthChange(self.community_id, self.community_name, self.month, kept)

    def as_json(self) -> dict:
        return {
            "community": self.community_id,
            "community_name": self.community_name,
            "month": self.month.isoformat(),
            "figures": {k: [before, after] for k, (before, after) in self.figures.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> MonthChange:
        return cls(
            int(data["community"]),
            str(data["community_name"]),
            dt.date.fromisoformat(data["month"]),
            {k: (float(v[0]), float(v[1])) for k, v in data["figures"].items()},
        )


def figure_labels() -> dict[str, str]:
    return {f.key: str(f.label) for f in all_figures()}


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def describe_figures(figures: dict[str, tuple[float, float]], *, limit: int | None = None) -> str:
    """'Services given 14 → 15; Placements 3 → 2'"""
    labels = figure_labels()
    parts = [
        f"{labels.get(key, key)} {_number(before)} → {_number(after)}"
        for key, (before, after) in sorted(figures.items(), key=lambda item: labels.get(item[0], item[0]))
    ]
    if limit is not None and len(parts) > limit:
        parts = [*parts[:limit], "…"]
    return _("; ").join(parts)


class ClosedMonthError(ValidationError):
    """A write would change the figures of a month a community has closed.

    `changes` lists the closed months and their figures before → after;
    `call` is the captured operation (None when it cannot be sent for
    approval), `actor_id` who tried it."""

    def __init__(self, changes: list[MonthChange]):
        self.changes = changes
        self.call: dict | None = None
        self.actor_id: int | None = None
        self._key: str | None = None
        first = changes[0]
        params = {
            "community": first.community_name,
            "month": first.label,
            "figures": describe_figures(first.figures, limit=FIGURES_IN_MESSAGE),
            "more": len(changes) - 1,
        }
        if not first.figures:
            message = _(
                "%(month)s is closed for %(community)s, and records dated then or earlier count in its figures. "
                "Date the change in a month that is still open, or ask the street officer to approve it as a "
                "correction."
            )
        elif len(changes) == 1:
            message = _(
                "%(month)s is closed for %(community)s: this change would alter its figures (%(figures)s). "
                "Date it in a month that is still open, or ask the street officer to approve it as a correction."
            )
        else:
            message = _(
                "%(month)s is closed for %(community)s: this change would alter its figures (%(figures)s), and "
                "those of %(more)d more closed months. Date it in a month that is still open, or ask the street "
                "officer to approve it as a correction."
            )
        super().__init__(message % params, code="closed_month")

    def correction_url(self) -> str | None:
        """Where the user sends this change for approval (None: not possible)."""
        if self.call is None or self.actor_id is None or registered() is None or registered().correction_url is None:
            return None
        if self._key is None:
            self._key = secrets.token_urlsafe(18)
            refused = {"call": self.call, "actor": self.actor_id, "changes": [c.as_json() for c in self.changes]}
            RefusedChange.objects.create(
                key=self._key,
                actor_id=self.actor_id,
                data=refused,
                expires_at=timezone.now() + dt.timedelta(seconds=TOKEN_MAX_AGE),
            )
        return registered().correction_url(self._key)
