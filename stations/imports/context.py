"""What checking a file's rows needs at hand: the user's communities, groups and the
existing records, read once for the whole file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from stations import closed_months
from stations.models import Community, Resident, Role, TargetGroup
from stations.validators import normalize_code

LOOKUP_CHUNK = 2000


@dataclass
class Context:
    """What the check needs, loaded once per file."""

    user: object
    update_existing: bool
    today: dt.date
    by_code: dict[str, Community]
    by_name: dict[str, list[Community]]
    default_community: Community | None
    group_pks: dict[str, int]
    existing: dict[str, Resident]  # ID number -> record (any community)
    visible_community_pks: set[int]
    # ID numbers two live records hold (waiting for a merge), and numbers
    # only a merged record holds (-> the kept record's community name).
    shared_ids: set[str] = field(default_factory=set)
    merged_ids: dict[str, str] = field(default_factory=dict)
    # community pk -> first day of its latest closed month
    closed: dict[int, dt.date] = field(default_factory=dict)
    # The rows passed the form already and have not changed since: only what
    # the database may have changed (uniqueness, scope) is checked again.
    trusted: bool = False
    # One form per kind of row, rebound for each row: building a form copies
    # its 20 fields, which cost more than checking them.
    forms: dict = field(default_factory=dict)


@dataclass
class PreparedRow:
    row: int
    resident: Resident
    existing: bool
    group_pks: list[int] | None  # None: the cell was empty (keep what is recorded)
    old_status: str = ""
    unemployed_since: dt.date | None = None
    registration_number: str = ""
    old_registered_on: dt.date | None = None


def build_context(*, user, rows: list[dict], update_existing: bool, trusted: bool = False) -> Context:
    communities = list(Community.objects.visible_to(user).only("pk", "code", "name"))
    by_name: dict[str, list[Community]] = {}
    for community in communities:
        by_name.setdefault(community.name, []).append(community)
    ids = {_id_key(r["values"].get("id_number", "")) for r in rows} - {""}
    existing: dict[str, Resident] = {}
    shared: set[str] = set()
    merged: dict[str, str] = {}
    ids_list = sorted(ids)
    for start in range(0, len(ids_list), LOOKUP_CHUNK):
        chunk = ids_list[start : start + LOOKUP_CHUNK]
        for resident in Resident.with_tombstones.filter(id_number__in=chunk).select_related(
            "community", "merged_into__community"
        ):
            if resident.is_tombstone:
                merged.setdefault(resident.id_number, resident.merged_into.community.name)
            elif resident.id_number in existing:
                shared.add(resident.id_number)
            else:
                existing[resident.id_number] = resident
    default = None
    if getattr(user, "role", "") == Role.COMMUNITY_STAFF and user.community_id:
        default = next((c for c in communities if c.pk == user.community_id), None)
    return Context(
        user=user,
        update_existing=update_existing,
        today=timezone.localdate(),
        by_code={c.code: c for c in communities},
        by_name=by_name,
        default_community=default,
        group_pks=dict(TargetGroup.objects.values_list("code", "pk")),
        existing=existing,
        shared_ids=shared,
        merged_ids={k: v for k, v in merged.items() if k not in existing},
        visible_community_pks={c.pk for c in communities},
        trusted=trusted,
        closed=closed_months.latest_closed(c.pk for c in communities),
    )


def _id_key(text: str) -> str:
    """The ID number as stored (full-width digits, spaces, a lowercase x and
    invisible characters normalised), to match the file against the registry."""
    return normalize_code(text)
