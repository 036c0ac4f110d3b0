"""Policy parameters: declared once in code, values set by the city bureau.

An app declares each parameter it reads, with its default, from its
AppConfig.ready(); `policy_value` returns the value in force on a date, so a
decision taken last year is read with last year's figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class PolicyParameter:
    key: str
    default: object
    label: str
    help_text: str = ""
    unit: str = ""


_REGISTRY: dict[str, PolicyParameter] = {}


def declare(key: str, *, default, label, help_text="", unit="") -> PolicyParameter:
    parameter = PolicyParameter(key=key, default=default, label=label, help_text=help_text, unit=unit)
    _REGISTRY[key] = parameter
    return parameter


def declared_parameters() -> list[PolicyParameter]:
    return sorted(_REGISTRY.values(), key=lambda p: p.key)


def get_parameter(key: str) -> PolicyParameter:
    return _REGISTRY[key]


def policy_value(key: str, *, on: dt.date | None = None):
    """The value in force on `on` (today by default), or the declared default."""
    from stations.models import PolicyParameterValue

    parameter = _REGISTRY[key]
    on = on or timezone.localdate()
    row = (
        PolicyParameterValue.objects.filter(key=key, valid_from__lte=on)
        .order_by("-valid_from", "-pk")
        .values_list("value", flat=True)
        .first()
    )
    return parameter.default if row is None else row
