"""Which role may do what. Each app registers its rules here, in one place.

What a user may *see* is decided by scope (stations.scoping); these rules
decide what a role may *do* inside its scope.
"""

from __future__ import annotations

from collections.abc import Iterable

from stations.models import Role

ALL_ROLES = frozenset(Role)
STAFF_WHO_KEEP_RECORDS = frozenset({Role.COMMUNITY_STAFF, Role.STREET_OFFICER})
BUREAUS = frozenset({Role.DISTRICT_BUREAU, Role.CITY_BUREAU})

_RULES: dict[str, frozenset[Role]] = {}


def register(rules: dict[str, Iterable[Role]]) -> None:
    for name, roles in rules.items():
        _RULES[name] = frozenset(roles)


def user_can(user, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.role:
        return False
    return user.role in _RULES[permission]


def view_permission(path: str) -> str | None:
    """The `permission` rule of the staff view at `path`, if it has one."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    return getattr(view_class, "permission", None)


# URL name -> the rule of its view. A name leads to one view whatever its
# arguments, so each name is resolved once per process, not on every page.
_PERMISSION_OF_NAME: dict[str, str | None] = {}


def allowed_url(user, viewname: str, *args, **kwargs) -> str:
    """The URL of `viewname`, or "" when the view behind it refuses the
    user's role: a page offers no link into a 403, and the rule is read from
    the view rather than written again beside the link."""
    from django.urls import reverse

    url = reverse(viewname, args=args, kwargs=kwargs)
    if viewname not in _PERMISSION_OF_NAME:
        _PERMISSION_OF_NAME[viewname] = view_permission(url)
    permission = _PERMISSION_OF_NAME[viewname]
    return url if permission is None or user_can(user, permission) else ""


def rules() -> dict[str, frozenset[Role]]:
    return dict(_RULES)


register(
    {
        "stations.view_dashboard": ALL_ROLES,
        "stations.view_station": ALL_ROLES,
        "stations.manage_station": ALL_ROLES,
        "stations.view_audit_log": BUREAUS,
        "stations.set_policy": {Role.CITY_BUREAU},
        "stations.view_policy": ALL_ROLES,
        "stations.view_resident": ALL_ROLES,
        "stations.manage_resident": STAFF_WHO_KEEP_RECORDS,
        "stations.record_service": STAFF_WHO_KEEP_RECORDS,
        "stations.import_residents": STAFF_WHO_KEEP_RECORDS,
        "stations.export_residents": ALL_ROLES,
        # Possible duplicates: the street decides, the district may undo.
        "stations.merge_resident": {Role.STREET_OFFICER, *BUREAUS},
        "stations.undo_resident_merge": BUREAUS,
        # Urban population and community workers: kept by the bureaus, read by all.
        "stations.view_region": ALL_ROLES,
        "stations.keep_headcounts": BUREAUS,
    }
)
