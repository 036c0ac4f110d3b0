"""The one place that decides which records a staff user may see.

Every staff account is bound to one node of the region (city, district, street
or community). A scoped model names, in `scope_paths`, the lookups from itself
to the district, street and community it belongs to; `ScopedQuerySet.visible_to`
turns the user's node into a filter on those lookups. Views, exports, tasks and
the API all start from `Model.objects.visible_to(user)`, directly or through a
selector, so there is no second copy of the rule to drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from django.db import models
from django.db.models import Q
from django.http import Http404


@dataclass(frozen=True)
class ScopePaths:
    """Lookups from a model to the pk of its district, street and community.

    A path of None means the model does not sit that deep (a street-level record
    has no community), so users bound below that level cannot see it.
    """

    district: str
    street: str | None
    community: str | None

    @classmethod
    def via_community(cls, path: str) -> ScopePaths:
        return cls(district=f"{path}__street__district", street=f"{path}__street", community=path)

    @classmethod
    def via_street(cls, path: str) -> ScopePaths:
        return cls(district=f"{path}__district", street=path, community=None)


def scope_q(user, paths: ScopePaths) -> Q | None:
    """A filter for what `user` may see, Q() for everything, or None for nothing."""
    from stations.models import Role  # the role enum lives with the user model

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    role = getattr(user, "role", "")
    if role == Role.CITY_BUREAU:
        return Q()
    if role == Role.DISTRICT_BUREAU and user.district_id:
        return Q(**{paths.district: user.district_id})
    if role == Role.STREET_OFFICER and user.street_id and paths.street:
        return Q(**{paths.street: user.street_id})
    if role == Role.COMMUNITY_STAFF and user.community_id and paths.community:
        return Q(**{paths.community: user.community_id})
    return None


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user) -> Self:
        q = scope_q(user, self.model.scope_paths)
        if q is None:
            return self.none()
        # A lookup through a many-valued relation can repeat rows.
        return self.filter(q) if not getattr(self.model, "scope_needs_distinct", False) else self.filter(q).distinct()


def get_visible_or_404(queryset: models.QuerySet, user, **lookup):
    """Fetch and authorise in one call: missing and out of scope look the same."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


class _CityWideReader:
    """The scope of background work done for the whole city (the monthly
    workbooks, benchmarks): reads everything, is no account, writes nothing."""

    is_authenticated = True
    is_active = True
    pk = None
    district_id = street_id = community_id = None

    @property
    def role(self):
        from stations.models import Role

        return Role.CITY_BUREAU


CITY_WIDE_READER = _CityWideReader()
