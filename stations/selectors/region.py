"""Reads of the region: the tree with its population and community workers,
and the history of those figures (stations.models.CommunityHeadcount).

A new module rather than stations/selectors.py, which is being split into a
package; this one belongs in it as `selectors/region.py` once it exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Q, QuerySet

from stations.models import Community, CommunityHeadcount, District, Role, Street
from stations.models.region import workers_per_10k
from stations.scoping import get_visible_or_404


@dataclass(frozen=True)
class Headcount:
    urban_population: int
    community_worker_count: int
    effective_from: dt.date | None = None


def headcounts_in_effect(*, community_ids: Iterable[int] | None, on: dt.date) -> dict[int, Headcount]:
    """{community_id: the figures in effect on `on`} for `community_ids` (None:
    every community), in two queries whatever their number.

    The row in effect is the latest dated on or before `on` (the later
    recorded of two from one date); a community with no such row reads the
    figure kept before history was (the undated row) or, without any row,
    its own fields. Callers pass ids already in the user's scope (a report
    node's communities), so this applies none itself."""
    rows = CommunityHeadcount.objects.filter(Q(effective_from__lte=on) | Q(effective_from__isnull=True))
    communities = Community.objects.all()
    if community_ids is not None:
        ids = list(community_ids)
        rows = rows.filter(community_id__in=ids)
        communities = communities.filter(pk__in=ids)
    out: dict[int, Headcount] = {}
    # Newest first: the first row seen for a community is the one in effect.
    for community_id, population, workers, since in rows.order_by(
        "community_id", F("effective_from").desc(nulls_last=True), "-pk"
    ).values_list("community_id", "urban_population", "community_worker_count", "effective_from"):
        out.setdefault(community_id, Headcount(population, workers, since))
    for pk, population, workers in communities.exclude(pk__in=list(out)).values_list(
        "pk", "urban_population", "community_worker_count"
    ):
        out[pk] = Headcount(population, workers)
    return out


# --- the tree ------------------------------------------------------------------------
@dataclass
class RegionNode:
    """A node of the tree with the sums of its communities' figures."""

    level: str  # "city", "district", "street" or "community"
    name: str
    code: str
    obj: District | Street | Community | None = None
    population: int = 0
    workers: int = 0
    children: list[RegionNode] = field(default_factory=list)

    @property
    def per_10k(self) -> float | None:
        return workers_per_10k(self.workers, self.population)

    def walk(self) -> list[RegionNode]:
        """This node and every node under it, parents before children."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def add(self, population: int, workers: int) -> None:
        self.population += population
        self.workers += workers


def region_tree(*, user) -> RegionNode:
    """The region under the user's node (the city for the city bureau, their
    district, street or community otherwise) with today's population and
    community workers summed at every level: a level's ratio comes from its
    sums. One query for the communities with their street and district."""
    communities = list(Community.objects.visible_to(user).select_related("street__district").order_by("code"))
    root = RegionNode("city", settings.PORTAL_CITY_NAME, settings.PORTAL_CITY_CODE)
    districts: dict[int, RegionNode] = {}
    streets: dict[int, RegionNode] = {}
    for c in communities:
        street, district = c.street, c.street.district
        d_node = districts.get(district.pk)
        if d_node is None:
            d_node = districts[district.pk] = RegionNode("district", district.name, district.code, district)
            root.children.append(d_node)
        s_node = streets.get(street.pk)
        if s_node is None:
            s_node = streets[street.pk] = RegionNode("street", street.name, street.code, street)
            d_node.children.append(s_node)
        s_node.children.append(
            RegionNode(
                "community",
                c.name,
                c.code,
                c,
                population=c.urban_population,
                workers=c.community_worker_count,
            )
        )
        for node in (s_node, d_node, root):
            node.add(c.urban_population, c.community_worker_count)
    role = getattr(user, "role", "")
    if role == Role.CITY_BUREAU:
        return root
    # Below the city the tree starts at the user's own node.
    node = root
    while len(node.children) == 1 and node.level != _own_level(role):
        node = node.children[0]
    return node


def _own_level(role) -> str:
    return {
        Role.DISTRICT_BUREAU: "district",
        Role.STREET_OFFICER: "street",
        Role.COMMUNITY_STAFF: "community",
    }.get(role, "city")


# --- one street, one community ---------------------------------------------------
def street_get(*, user, pk: int) -> Street:
    """A street in the user's area; 404 for one elsewhere, as for a missing one."""
    return get_visible_or_404(Street.objects.select_related("district"), user, pk=pk)


def community_get(*, user, pk: int) -> Community:
    """A community in the user's area; 404 for one elsewhere, as for a missing one."""
    return get_visible_or_404(Community.objects.select_related("street__district"), user, pk=pk)


def street_communities(*, user, street: Street) -> QuerySet[Community]:
    """The street's communities the user sees, by code."""
    return Community.objects.visible_to(user).filter(street=street).order_by("code")


def community_headcount_history(*, user, community: Community) -> QuerySet[CommunityHeadcount]:
    """Every recorded figure of a community the user sees, newest date first."""
    return CommunityHeadcount.objects.visible_to(user).filter(community=community).select_related("recorded_by")


# --- choices and lists ------------------------------------------------------------
def community_choices(*, user) -> QuerySet[Community]:
    """Communities in the user's area, with their street, by code: the choices
    of a form or serializer field that names a community."""
    return Community.objects.visible_to(user).select_related("street").order_by("code")


def community_choices_any() -> QuerySet[Community]:
    """Every community of the city, for a station's served communities (联建):
    a station may serve a neighbour outside the editor's area, and
    `station_save` refuses a new one outside it, naming it."""
    return Community.objects.all()


def district_list(*, user=None) -> QuerySet[District]:
    """Districts by code: the whole city for the public (user None), the
    user's scope for staff."""
    qs = District.objects.order_by("code")
    return qs if user is None else qs.visible_to(user)


def street_list(*, user=None, district: int | None = None) -> QuerySet[Street]:
    """Streets by code, of one district when given: the whole city for the
    public (user None), the user's scope for staff."""
    qs = Street.objects.order_by("code")
    if district:
        qs = qs.filter(district_id=district)
    return qs if user is None else qs.visible_to(user)


def community_list(*, user=None, district: int | None = None, street: int | None = None) -> QuerySet[Community]:
    """Communities with their street, by code, of one district or street when
    given: the whole city for the public (user None), the user's scope for
    staff."""
    qs = Community.objects.select_related("street").order_by("code")
    if district:
        qs = qs.filter(street__district_id=district)
    if street:
        qs = qs.filter(street_id=street)
    return qs if user is None else qs.visible_to(user)
