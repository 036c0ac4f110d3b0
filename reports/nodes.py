"""Nodes of the region a report is built for: the city, a district, a street
or a community, addressed by `city` or its division code."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stations.models import Community, District, Street
from stations.scoping import region_node_visible


@dataclass(frozen=True)
class Node:
    level: str  # city, district, street, community
    obj: object | None

    @property
    def code(self) -> str:
        return "city" if self.obj is None else self.obj.code

    @property
    def name(self) -> str:
        return settings.PORTAL_CITY_NAME if self.obj is None else self.obj.name

    def _communities(self):
        if self.level == "city":
            return Community.objects.all()
        lookup = {"district": "street__district", "street": "street", "community": "pk"}[self.level]
        return Community.objects.filter(**{lookup: self.obj.pk})

    def community_ids(self) -> list[int] | None:
        """Communities inside the node; None for the whole city."""
        if self.level == "city":
            return None
        return list(self._communities().values_list("pk", flat=True))

    def children(self) -> list[tuple[str, str, object]]:
        """(key, name, object) per child row; a community is its own only row
        here (its workbook's rows are its stations, see reports.assemble)."""
        if self.level == "city":
            return [(d.code, d.name, d) for d in District.objects.order_by("code")]
        if self.level == "district":
            return [(s.code, s.name, s) for s in Street.objects.filter(district=self.obj).order_by("code")]
        if self.level == "street":
            return [(c.code, c.name, c) for c in Community.objects.filter(street=self.obj).order_by("code")]
        return [(self.obj.code, self.obj.name, self.obj)]

    def child_of_community(self) -> dict[int, str]:
        """Community id -> child row key, in one query."""
        rows = self._communities().values_list("pk", "code", "street__code", "street__district__code")
        index = {"city": 3, "district": 2, "street": 1, "community": 1}[self.level]
        return {row[0]: row[index] for row in rows}

    @property
    def child_level_label(self) -> str:
        return {
            "city": _("District"),
            "district": _("Street"),
            "street": _("Community"),
            "community": _("Station"),
        }[self.level]


def parse_node(code: str) -> Node:
    value = (code or "").strip().lower()
    if value == "city":
        return Node("city", None)
    model = {6: (District, "district"), 9: (Street, "street"), 12: (Community, "community")}.get(len(value))
    if model and value.isdigit():
        obj = model[0].objects.filter(code=value).first()
        if obj is not None:
            return Node(model[1], obj)
    raise ValidationError(_("No district, street or community has the code %(code)s.") % {"code": code})


def node_visible_to(user, node: Node) -> bool:
    """A user may report on their own node and anything inside it (the scope
    rule of stations.scoping, applied to the node)."""
    return region_node_visible(user, node.obj)


def user_home_node(user) -> Node:
    from stations.models import Role

    if user.role == Role.CITY_BUREAU:
        return Node("city", None)
    if user.role == Role.DISTRICT_BUREAU:
        return Node("district", user.district)
    if user.role == Role.STREET_OFFICER:
        return Node("street", user.street)
    return Node("community", user.community)
