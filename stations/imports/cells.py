"""Converting a ledger cell to a value: dates, numbers, yes/no, choices, occupations, groups."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import translation
from django.utils.translation import gettext as _

from stations.occupations import OccupationNotFound, occupation_code_from_cell

from .columns import (
    COLUMNS_BY_KEY,
    FALSE_WORDS,
    GROUP_LOOKUP,
    TRUE_WORDS,
    allowed_values,
    normalise_word,
)

# Groups derived from other facts: accepted in the cell and ignored.
DERIVED_GROUP_WORDS = {
    normalise_word(w)
    for w in ("大龄", "大龄人员", "长期失业", "长期失业人员", "零就业家庭", "离校未就业", "离校未就业高校毕业生")
}


# --- converting cells ---------------------------------------------------------------
class CellError(Exception):
    pass


def parse_date(text: str) -> dt.date:
    text = text.strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # an Excel serial day number the sheet did not format
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text)))
    text = re.sub(r"\s.*$", "", text)  # drop a time part
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})?", text
    )
    if not match:
        raise CellError(_("“%(value)s” is not a date: write it as 2024-07-01.") % {"value": text})
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(_("“%(value)s” is not a real date.") % {"value": text}) from None


def parse_int(text: str) -> int:
    cleaned = re.sub(r"[\s,，元/月]", "", text)
    match = re.fullmatch(r"(\d+)(?:\.0+)?(?:[-~～至](\d+)(?:\.0+)?)?", cleaned)
    if not match:
        raise CellError(_("“%(value)s” is not a whole number of yuan.") % {"value": text})
    return int(match[1])  # a range such as 3000-5000 keeps its lower figure


def parse_bool(text: str) -> bool:
    word = normalise_word(text)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("Write 是 or 否 (you wrote “%(value)s”).") % {"value": text})


def parse_choice(text: str, column) -> str:
    code = column.choices.get(normalise_word(text))
    if code is None:
        raise CellError(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed_values(column)}
        )
    return code


def choice_code(enum, value: str) -> str | None:
    """The code of `enum` (a TextChoices) for a cell that holds a code, or a
    label in the user's language or in English (case-insensitive, a leading
    part or the Chinese in brackets is enough). None for an empty cell, "" for
    an unknown value."""
    value = str(value or "").strip().lower()
    if not value:
        return None
    for code, label in enum.choices:
        with translation.override("en"):
            english = str(label).lower()
        names = {code, str(label).lower(), english}
        for name in list(names):
            if "(" in name:
                names.add(name[name.find("(") + 1 : name.rfind(")")])
                names.add(name.split(" (")[0])
        if value in names or any(n.startswith(value) for n in names if len(value) >= 2):
            return code
    return ""


def listed_choices(enum) -> str:
    """The labels of `enum`, for a message that lists what a cell may hold."""
    return "、".join(str(label) for _code, label in enum.choices)


def parse_occupation(text: str) -> str:
    try:
        return occupation_code_from_cell(text)
    except OccupationNotFound as exc:
        if exc.candidates:
            raise CellError(
                _("“%(value)s” fits several occupation groups (%(groups)s): write the code of the one you mean.")
                % {
                    "value": text,
                    "groups": "、".join(f"{code} {name}" for code, name in exc.candidates[:4])
                    + ("…" if len(exc.candidates) > 4 else ""),
                }
            ) from None
        raise CellError(
            _(
                "“%(value)s” is not a group of the national occupational classification: write its code "
                "(such as 4-10) or its full name (such as 居民服务人员)."
            )
            % {"value": text}
        ) from None


def parse_groups(text: str, group_pks: dict[str, int]) -> list[int]:
    pks, unknown = [], []
    for word in re.split(r"[、,，;；/\s]+", text):
        if not word:
            continue
        key = normalise_word(word)
        if key in DERIVED_GROUP_WORDS:
            continue
        code = GROUP_LOOKUP.get(key)
        if code is None or code not in group_pks:
            unknown.append(word)
        elif group_pks[code] not in pks:
            pks.append(group_pks[code])
    if unknown:
        raise CellError(
            _("Unknown group: %(unknown)s. Allowed: %(allowed)s.")
            % {"unknown": "、".join(unknown), "allowed": allowed_values(COLUMNS_BY_KEY["target_groups"])}
        )
    return pks
