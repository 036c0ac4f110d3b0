"""The one place that decides which records a staff user may see.

Every staff account is bound to one node of the region (city, district, street
or community). A scoped model names, in `scope_paths`, the lookups from itself
to the district, street and community it belongs to; `ScopedQuerySet.visible_to`
turns the user's node into a filter on those lookups. Views, exports, tasks and
the API all start from `Model.objects.visible_to(user)`, directly or through a
selector, so there is no second copy of the rule to drift.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Self

from django.db import models
from django.db.models import Q
from django.http import Http404


@dataclass(frozen=True)
class ScopePaths:
    """Lookups from a model to the pk of its district, street and community.

    A path of None means the model does not sit that deep (a street-level record
    has no community), so users bound below that level cannot see it. A tuple
    of lookups means "any of them": a record bound to one node of any level
    (a staff account) reaches its district through whichever key it has.
    """

    district: str | tuple[str, ...]
    street: str | tuple[str, ...] | None
    community: str | tuple[str, ...] | None

    @classmethod
    def via_community(cls, path: str) -> ScopePaths:
        return cls(district=f"{path}__street__district", street=f"{path}__street", community=path)

    @classmethod
    def via_street(cls, path: str) -> ScopePaths:
        return cls(district=f"{path}__district", street=path, community=None)

    @classmethod
    def via_own_node(cls, *, district: str, street: str, community: str) -> ScopePaths:
        """For a record bound to exactly one node of any level by three
        nullable keys (a staff account): it lies under a district when its
        own district, its street's district or its community's district is
        that one, and so on down; a record bound to the city has none of the
        keys, so only the city sees it."""
        return cls(
            district=(district, f"{street}__district", f"{community}__street__district"),
            street=(street, f"{community}__street"),
            community=community,
        )


def _any_of(lookups: str | tuple[str, ...], value) -> Q:
    q = Q()
    for lookup in (lookups,) if isinstance(lookups, str) else lookups:
        q |= Q(**{lookup: value})
    return q


def scope_q(user, paths: ScopePaths) -> Q | None:
    """A filter for what `user` may see, Q() for everything, or None for nothing."""
    from stations.models import Role  # the role enum lives with the user model

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    role = getattr(user, "role", "")
    if role == Role.CITY_BUREAU:
        return Q()
    if role == Role.DISTRICT_BUREAU and user.district_id:
        return _any_of(paths.district, user.district_id)
    if role == Role.STREET_OFFICER and user.street_id and paths.street:
        return _any_of(paths.street, user.street_id)
    if role == Role.COMMUNITY_STAFF and user.community_id and paths.community:
        return _any_of(paths.community, user.community_id)
    return None


def sees_whole_city(user) -> bool:
    """Whether the user's scope is the whole city (the city bureau)."""
    q = scope_q(user, ScopePaths(district="pk", street=None, community=None))
    return q is not None and not q  # Q() is the empty filter


def region_node_visible(user, node) -> bool:
    """Whether `user` may see a node of the region (a District, Street or
    Community; None for the city): their own node or one inside it. The same
    rule as every list: the node's model's `scope_paths`."""
    if node is None:
        return sees_whole_city(user)
    return type(node).objects.visible_to(user).filter(pk=node.pk).exists()


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


class CityWideRead(enum.Enum):
    """The reads that pass the user's scope on purpose, each named with why.

    Everything else starts from `visible_to(user)`. A new read across the city
    is a new member here, so it is a visible, reviewed change."""

    # An ID number is unique city-wide: registering (or correcting) a person
    # checks every community, and the answer to staff who cannot see the
    # record names only the community holding it.
    RESIDENT_ID_NUMBER = "resident_id_number"
    # Asking for a transfer names a person registered elsewhere, by ID number;
    # the asking community learns only the holding community's name.
    RESIDENT_TRANSFER = "resident_transfer"
    # A community shares a partner with the neighbouring communities of its
    # street or district (联建), outside a community worker's own scope.
    NEIGHBOUR_COMMUNITIES = "neighbour_communities"


def city_wide(source, *, read: CityWideRead) -> models.QuerySet:
    """All rows of `source` (a model, manager or queryset) across the city,
    for one of the named `CityWideRead`s. Callers show no more of another
    area's records than their read's comment says."""
    if not isinstance(read, CityWideRead):
        raise TypeError("city_wide() needs a CityWideRead naming why the read passes scope")
    if isinstance(source, type) and issubclass(source, models.Model):
        return source._default_manager.all()
    return source.all()


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
