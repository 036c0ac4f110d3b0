"""Stored flags as a reader sees them: a label and a message in the active
language, drawn when a page is, never the code itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .rules import BLOCK, RULES

_BASIS = {
    "monthly": _("the monthly minimum wage"),
    "hourly": _("the hourly minimum wage"),
    "daily_full_time": _("the monthly minimum wage over 21.75 paid days"),
    "daily_hours": _("8 hours at the hourly minimum wage"),
}


@dataclass(frozen=True)
class FlagNote:
    """A stored flag as a reader sees it, in the active language."""

    code: str
    field: str
    blocking: bool
    label: str
    message: str

    def __str__(self):
        return self.message


def _unit_label(unit: str) -> str:
    from jobs.models import PayUnit

    return str(PayUnit(unit).label) if unit in PayUnit.values else str(PayUnit.MONTH.label)


def describe(flag: dict) -> FlagNote:
    """A stored flag's label and message, translated now. A code no rule
    knows any more (or a flag stored before codes were kept) reads as a
    generic note, never as the code itself."""
    code = flag.get("code", "")
    rule = RULES.get(code)
    if rule is None:
        return FlagNote(
            code,
            flag.get("field", ""),
            False,
            str(_("Earlier screening note")),
            str(_("Flagged by a screening rule no longer in use; save the posting to screen it again.")),
        )
    params = dict(flag.get("params") or {})
    if code == "below_minimum_wage":
        params["basis"] = str(_BASIS.get(params.get("basis"), _BASIS["monthly"]))
        params["unit"] = _unit_label(params.get("unit", "month"))
    if code == "age_limit":
        params["limit"] = flag.get("match", "")
    params.setdefault("match", flag.get("match", ""))
    try:
        message = str(rule.message) % params
    except (KeyError, TypeError, ValueError):
        message = str(rule.label)
    return FlagNote(code, flag.get("field", ""), rule.severity == BLOCK, str(rule.label), message)


def describe_all(flags) -> list[FlagNote]:
    return [describe(f) for f in flags or [] if isinstance(f, dict)]


def flag_label(code: str) -> str:
    """A flag code's short label: for the audit log, which stores codes."""
    rule = RULES.get(code)
    return str(rule.label) if rule else str(_("Earlier screening note"))
