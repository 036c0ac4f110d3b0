"""Guarded write operations, by name, and replaying a captured call."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .capture import _capture, _decode, _snapshot
from .changes import ClosedMonthError, MonthChange
from .measuring import _COLLECTOR, _SESSION, _DryRun, _outermost


# --- operations -------------------------------------------------------------------
@dataclass(frozen=True)
class Operation:
    name: str
    label: str | Promise
    run: Callable


_OPERATIONS: dict[str, Operation] = {}


def guard(*, label, name: str | None = None):
    """Decorate a write service (outside its @transaction.atomic). Its closed
    months are measured around the outermost guarded call; a refused call is
    captured so it can be sent for approval as a correction.

    The operation is stored by `name` (default: the function's dotted path)
    in corrections awaiting approval; a function that moves to another
    module keeps its old name, in a module that still imports it, so those
    can still be replayed."""

    def decorate(fn):
        op_name = name or f"{fn.__module__}.{fn.__name__}"

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if _SESSION.get() is not None or args:
                return fn(*args, **kwargs)
            snapshot = _snapshot(kwargs)
            try:
                with _outermost():
                    return fn(**kwargs)
            except ClosedMonthError as exc:
                # The transaction is rolled back now: the instances' stored
                # values are what they were before the call.
                if exc.call is None and _COLLECTOR.get() is None:
                    exc.call = _capture(op_name, kwargs, snapshot)
                    exc.actor_id = getattr(kwargs.get("actor"), "pk", None)
                raise

        _OPERATIONS[op_name] = Operation(op_name, label, wrapper)
        wrapper.closed_months_operation = op_name
        return wrapper

    return decorate


def operation(name: str) -> Operation | None:
    if name not in _OPERATIONS:
        module = name.rpartition(".")[0]
        try:
            importlib.import_module(module)
        except ImportError:
            return None
    return _OPERATIONS.get(name)


def replay(call: dict, *, actor, apply: bool) -> list[MonthChange]:
    """Run a captured call as `actor`. A dry run (apply=False) is always rolled
    back; both return the closed months it changes, all figures included, and
    raise the operation's ValidationError if it cannot be made now."""
    op = operation(call.get("op", ""))
    if op is None:
        raise ValidationError(_("This kind of change can no longer be made."))
    kwargs = {key: _decode(value) for key, value in call.get("kwargs", {}).items()}
    collected: list[MonthChange] = []

    def collect(changes: list[MonthChange]) -> None:
        collected[:] = changes
        if not apply:
            raise _DryRun

    token = _COLLECTOR.set(collect)
    try:
        op.run(actor=actor, **kwargs)
    except _DryRun:
        pass
    finally:
        _COLLECTOR.reset(token)
    return collected
