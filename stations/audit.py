"""Writing the audit trail. Services call `audit_record`; nothing else writes it."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import AuditAction, AuditEntry, Community, District, Street


@dataclass(frozen=True)
class ChangeKey:
    """How the audit page reads a key of an entry's `changes` that is not a
    field of the entry's model (or whose values are codes of the app's own):
    its label, and how a stored code reads (a function from code to label)."""

    label: object
    values: Callable[[str], str] | None = None


_CHANGE_KEYS: dict[tuple[str, str], ChangeKey] = {
    # Keys many services write, on any model.
    ("", "note"): ChangeKey(_("note")),
    ("", "reason"): ChangeKey(_("reason")),
}


def register_change_key(
    key: str, *, label, values: Mapping | Callable[[str], str] | type | None = None, model: str = ""
) -> None:
    """Say how a key an app writes into `changes` reads on the audit page, from
    AppConfig.ready(). `model` is the entry's model label ("jobs.Posting"),
    empty for any model or for entries without one; `values` maps stored codes
    to labels: a choices enum, a mapping or a function. Codes are stored, so
    the page reads them in the reader's language."""
    if isinstance(values, type) and hasattr(values, "choices"):
        labels = dict(values.choices)
        values = labels.get
    elif isinstance(values, Mapping):
        values = dict(values).get
    _CHANGE_KEYS[(model, key)] = ChangeKey(label, values)


def change_key(model_label: str, key: str) -> ChangeKey | None:
    return _CHANGE_KEYS.get((model_label, key)) or _CHANGE_KEYS.get(("", key))


def _resolve(obj, path: str | None):
    if obj is None or not path:
        return None
    if path == "pk":
        return obj
    for part in path.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def region_of(obj) -> tuple[District | None, Street | None, Community | None]:
    """The district, street and community a scoped object sits in."""
    paths = getattr(type(obj), "scope_paths", None)
    if paths is None:
        return None, None, None
    community = _resolve(obj, paths.community)
    if isinstance(community, Community):
        return community.street.district, community.street, community
    street = _resolve(obj, paths.street)
    if isinstance(street, Street):
        return street.district, street, None
    district = _resolve(obj, paths.district)
    return (district if isinstance(district, District) else None), None, None


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _json_safe(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_json_safe(v) for v in value]
    return value


def audit_record(
    *,
    actor,
    action: AuditAction,
    obj=None,
    changes: dict | None = None,
    request=None,
    object_repr: str | None = None,
    region_from=None,
) -> AuditEntry:
    """Write one audit entry. The entry is placed in the region of `obj` (or
    `region_from`, or else the actor's own node) so bureaus see it in scope."""
    district, street, community = region_of(region_from or obj) if (region_from or obj) else (None, None, None)
    if district is None and actor is not None and getattr(actor, "is_authenticated", False):
        community = actor.community
        street = actor.street or (community.street if community else None)
        district = actor.district or (street.district if street else None)
    real_actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=real_actor,
        actor_name=(real_actor.get_username() if real_actor else ""),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[:200],
        changes={k: _json_safe(v) for k, v in (changes or {}).items()},
        ip_address=_client_ip(request),
        path=(request.path[:300] if request is not None else ""),
        district=district,
        street=street,
        community=community,
    )


def field_changes(before: dict, instance, fields) -> dict[str, list]:
    """{field: [old, new]} for the fields whose value changed."""
    changed = {}
    for name in fields:
        old, new = before.get(name), getattr(instance, name)
        if old != new:
            changed[name] = [_json_safe(old), _json_safe(new)]
    return changed
