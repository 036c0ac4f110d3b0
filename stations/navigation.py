"""Menu entries. Apps register theirs from AppConfig.ready(), so the base
templates need not know which capabilities exist."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from stations.permissions import allowed_url, user_can


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int = 100
    permission: str | None = None
    accesskey: str = ""
    help: str = ""


_PUBLIC: list[NavItem] = []
_STAFF: list[NavItem] = []


def register_public(item: NavItem) -> None:
    if item not in _PUBLIC:
        _PUBLIC.append(item)


def register_staff(item: NavItem) -> None:
    if item not in _STAFF:
        _STAFF.append(item)


def _links(items, user, **kwargs) -> list[dict]:
    """The items the user may open, in order: an item's own `permission` and
    the rule of the view its URL leads to must both let the user in."""
    out = []
    for item in sorted(items, key=lambda i: i.order):
        if item.permission and not user_can(user, item.permission):
            continue
        try:
            url = (
                allowed_url(user, item.url_name, **kwargs)
                if user is not None
                else reverse(item.url_name, kwargs=kwargs)
            )
        except NoReverseMatch:
            continue
        if url:
            out.append({"label": item.label, "url": url, "accesskey": item.accesskey, "help": item.help})
    return out


def public_items():
    return _links(_PUBLIC, None)


def staff_items(user):
    return _links(_STAFF, user)


# Actions on a resident's record page that other capabilities offer (matching
# jobs, opening an assistance case, ...). Their URL takes `resident_pk`.
_RESIDENT_ACTIONS: list[NavItem] = []


def register_resident_action(item: NavItem) -> None:
    if item not in _RESIDENT_ACTIONS:
        _RESIDENT_ACTIONS.append(item)


def resident_actions(user, resident_pk: int) -> list[dict]:
    return _links(_RESIDENT_ACTIONS, user, resident_pk=resident_pk)


# Links on each row of the staff account list that other capabilities offer
# (a person's training record). Their URL takes `user_pk`.
_ACCOUNT_ACTIONS: list[NavItem] = []


def register_account_action(item: NavItem) -> None:
    if item not in _ACCOUNT_ACTIONS:
        _ACCOUNT_ACTIONS.append(item)


def account_actions(user, account_pk: int) -> list[dict]:
    return _links(_ACCOUNT_ACTIONS, user, user_pk=account_pk)
