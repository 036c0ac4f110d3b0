"""Policy parameters: declared once in code, values set by the city bureau.

An app declares each parameter it reads, with its default, from its
AppConfig.ready(); `policy_value` returns the value in force on a date, so a
decision taken last year is read with last year's figure.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone


@dataclass(frozen=True)
class PolicyParameter:
    key: str
    default: object
    label: str
    help_text: str = ""
    unit: str = ""
    # Called with a candidate value; raises django ValidationError when the
    # value is not acceptable (a schedule's shape, an amount's range).
    validator: Callable | None = None


_REGISTRY: dict[str, PolicyParameter] = {}


def declare(key: str, *, default, label, help_text="", unit="", validator=None) -> PolicyParameter:
    """Declare a parameter (from AppConfig.ready). `default` fixes its kind:
    a number, a bool, a string, or a JSON list / object for structured values;
    values the bureau sets must be of the same kind and pass `validator`."""
    parameter = PolicyParameter(
        key=key, default=default, label=label, help_text=help_text, unit=unit, validator=validator
    )
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


# --- kinds of value ----------------------------------------------------------------

KIND_NUMBER, KIND_BOOL, KIND_TEXT, KIND_LIST, KIND_OBJECT = "number", "bool", "text", "list", "object"


def value_kind(default) -> str:
    """The kind of value a parameter takes, read from its declared default."""
    if isinstance(default, bool):
        return KIND_BOOL
    if isinstance(default, int | float | Decimal):
        return KIND_NUMBER
    if isinstance(default, list | tuple):
        return KIND_LIST
    if isinstance(default, dict):
        return KIND_OBJECT
    return KIND_TEXT


def check_value(parameter: PolicyParameter, value) -> None:
    """Raise ValidationError({"value": ...}) unless `value` suits `parameter`."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    kind = value_kind(parameter.default)
    suits = {
        KIND_BOOL: isinstance(value, bool),
        KIND_NUMBER: isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value),
        KIND_LIST: isinstance(value, list),
        KIND_OBJECT: isinstance(value, dict),
        KIND_TEXT: isinstance(value, str),
    }[kind]
    if not suits:
        raise ValidationError({"value": _("This parameter takes a value of kind “%(kind)s”.") % {"kind": kind}})
    if parameter.validator is not None:
        try:
            parameter.validator(value)
        except ValidationError as exc:
            raise ValidationError({"value": exc.messages}) from exc


def parse_value(parameter: PolicyParameter, text: str):
    """Read a value as typed in the policy page: a number, yes/no, text, or JSON
    for structured values. Raises ValidationError({"value": ...})."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    kind = value_kind(parameter.default)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"value": _("Enter a value.")})
    if kind == KIND_NUMBER:
        try:
            number = Decimal(text.replace(",", "").replace("，", ""))
        except InvalidOperation:
            raise ValidationError({"value": _("Enter a number, for example 12000 or 0.5.")}) from None
        if not number.is_finite():
            raise ValidationError({"value": _("Enter a number, for example 12000 or 0.5.")})
        value = int(number) if number == number.to_integral_value() else float(number)
    elif kind == KIND_BOOL:
        lowered = text.lower()
        if lowered not in {"true", "false", "yes", "no", "1", "0", "是", "否"}:
            raise ValidationError({"value": _("Enter yes or no.")})
        value = lowered in {"true", "yes", "1", "是"}
    elif kind in (KIND_LIST, KIND_OBJECT):
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise ValidationError(
                {
                    "value": _("Enter valid JSON (%(error)s at line %(line)s, column %(column)s).")
                    % {"error": exc.msg, "line": exc.lineno, "column": exc.colno}
                }
            ) from None
    else:
        value = text
    check_value(parameter, value)
    return value


def format_value(value) -> str:
    """A value as the policy page shows it and as the edit box starts."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, indent=None)
    return str(value)
