"""Capturing a refused call (its operation and arguments) as JSON, and back."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise
from django.utils.translation import gettext as _


# --- capturing a call ---------------------------------------------------------------
class _NotCapturable(Exception):
    pass


def _concrete(instance: models.Model) -> list[models.Field]:
    return [f for f in instance._meta.concrete_fields if not f.primary_key]


def _walk(value, seen: dict[int, tuple]) -> None:
    if isinstance(value, models.Model):
        if id(value) not in seen:
            seen[id(value)] = (value.pk, {f.attname: getattr(value, f.attname) for f in _concrete(value)})
    elif isinstance(value, list | tuple | set):
        for item in value:
            _walk(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, seen)


def _snapshot(kwargs: dict) -> dict[int, tuple]:
    """The instances passed in, as the caller handed them (in memory: no query)."""
    seen: dict[int, tuple] = {}
    for key, value in kwargs.items():
        if key not in ("actor", "request"):
            _walk(value, seen)
    return seen


def _capture(name: str, kwargs: dict, snapshot: dict[int, tuple]) -> dict | None:
    try:
        return {
            "op": name,
            "kwargs": {
                key: _encode(value, snapshot) for key, value in kwargs.items() if key not in ("actor", "request")
            },
        }
    except _NotCapturable:
        return None


def _encode(value, snapshot):
    if isinstance(value, str):
        return str(value)  # a TextChoices member as its plain code
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, dt.time):
        return {"__time__": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, uuid.UUID):
        return {"__uuid__": str(value)}
    if isinstance(value, FieldFile):
        if value and not value._committed:
            raise _NotCapturable  # an upload is not kept for later
        return value.name or ""
    if isinstance(value, models.Model):
        return _encode_instance(value, snapshot)
    if isinstance(value, models.QuerySet):
        return [_encode(item, snapshot) for item in value]
    if isinstance(value, list | tuple | set):
        return [_encode(item, snapshot) for item in value]
    if isinstance(value, dict):
        return {"__dict__": {str(k): _encode(v, snapshot) for k, v in value.items()}}
    raise _NotCapturable


def _encode_instance(instance: models.Model, snapshot) -> dict:
    pk, values = snapshot.get(id(instance), (instance.pk, None))
    fields = _concrete(instance)
    if values is None:
        values = {f.attname: getattr(instance, f.attname) for f in fields}
    stored = None
    if pk is not None:
        stored = type(instance)._default_manager.filter(pk=pk).values(*[f.attname for f in fields]).first()
    if stored is None:  # a new record: every field the caller set
        changed = {f.attname: values[f.attname] for f in fields}
        pk = None
    else:  # an existing record: the fields the caller changed
        changed = {name: value for name, value in values.items() if stored.get(name) != value}
    return {
        "__model__": instance._meta.label_lower,
        "pk": pk,
        "fields": {name: _encode(value, snapshot) for name, value in changed.items()},
    }


def _decode(value):
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "__datetime__" in value:
        return dt.datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    if "__time__" in value:
        return dt.time.fromisoformat(value["__time__"])
    if "__decimal__" in value:
        return decimal.Decimal(value["__decimal__"])
    if "__uuid__" in value:
        return uuid.UUID(value["__uuid__"])
    if "__dict__" in value:
        return {k: _decode(v) for k, v in value["__dict__"].items()}
    if "__model__" in value:
        model = apps.get_model(value["__model__"])
        fields = {name: _decode(v) for name, v in value["fields"].items()}
        if value["pk"] is None:
            return model(**fields)
        instance = model._default_manager.filter(pk=value["pk"]).first()
        if instance is None:
            raise ValidationError(_("A record this change concerns no longer exists."))
        for name, v in fields.items():
            setattr(instance, name, v)
        return instance
    raise ValidationError(_("This kind of change can no longer be made."))
