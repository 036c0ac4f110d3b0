"""Checking ledger rows the way the resident form checks one record.

Each row becomes a `Resident` (a new one, or the existing record with the
row's non-empty cells applied) and goes through the model's own validation
(`clean_fields` + `Resident.clean`: ID checksum and birth date, mobile,
graduation rules), so the messages are the form's. Uniqueness is checked for
the whole file at once: one query per 2,000 ID numbers instead of one per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stations import closed_months
from stations.models import Community, Resident
from stations.validators import normalize_mobile, normalize_resident_id

from .batches import CheckResult
from .cells import CellError, parse_bool, parse_choice, parse_date, parse_groups, parse_int, parse_occupation
from .columns import (
    BOOL,
    CHOICE,
    COLUMNS,
    DATE,
    GROUPS,
    INT,
    OCCUPATION,
)
from .context import Context, PreparedRow, _id_key
from .reading import column_header

# Fields the row sets; the rest (derived, workflow) never come from a file.
ROW_FIELDS = tuple(
    c.key
    for c in COLUMNS
    if c.key not in {"community_code", "community_name", "unemployed_since", "registration_number"}
)
MODEL_FIELDS = tuple(k for k in ROW_FIELDS if k != "target_groups")
CLEAN_EXCLUDE = ["household", "birth_date", "sex", "four_clears_score", "removed_at", "removal_reason", "community"]


# --- checking rows -------------------------------------------------------------------
def _error(row: int, key: str, message) -> dict:
    return {"row": row, "column": column_header(key), "field": key, "message": str(message)}


def _resolve_community(values: dict, ctx: Context, errors: dict) -> Community | None:
    code = values.get("community_code", "").strip()
    name = values.get("community_name", "").strip()
    if code:
        code = code.split(".")[0]
        community = ctx.by_code.get(code)
        if community is None:
            errors["community_code"] = _("Community code %(code)s is not a community in your area.") % {"code": code}
        return community
    if name:
        matches = ctx.by_name.get(name, [])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            errors["community_name"] = _("“%(name)s” is not a community in your area.") % {"name": name}
        else:
            errors["community_name"] = _(
                "Several communities in your area are called “%(name)s”: fill in 社区代码 instead."
            ) % {"name": name}
        return None
    return ctx.default_community


def _groups_fit_errors(resident: Resident, group_pks: list[int] | None, ctx: Context) -> dict:
    """The groups of the row (and a graduation date) must fit the person the
    ID number describes: the registry's own rule (stations.target_group_rules)."""
    from stations.target_group_rules import record_fit_problems

    codes = [code for code, pk in ctx.group_pks.items() if pk in (group_pks or ())]
    return {key: " ".join(messages) for key, messages in record_fit_problems(resident, codes).items()}


def check_row(raw: dict, ctx: Context, seen: dict[str, int]) -> tuple[PreparedRow | None, dict]:
    """One row: a prepared record, or {key: message} for each bad cell."""
    number, values = raw["row"], raw["values"]
    flags = raw.get("flags", {})
    errors: dict[str, str] = {}
    for key in flags.get("formula", ()):
        errors[key] = _(
            "This cell holds a formula (%(value)s). Formulas are not imported: copy the column and paste it "
            "back as values only."
        ) % {"value": values.get(key, "")[:40]}
    if "id_number" in flags.get("numeric", ()) and "id_number" not in errors:
        errors["id_number"] = _(
            "The spreadsheet stored this ID number as a number (%(value)s), so its last digits are lost. "
            "Format the column as Text and type the number again from the ID card."
        ) % {"value": values.get("id_number", "")}

    id_number = _id_key(values.get("id_number", ""))
    existing = ctx.existing.get(id_number) if id_number else None
    if id_number and "id_number" not in errors:
        if id_number in seen:
            errors["id_number"] = _("The same ID number is already on row %(row)d of this file.") % {
                "row": seen[id_number]
            }
        else:
            seen[id_number] = number
        if id_number in ctx.shared_ids and "id_number" not in errors:
            errors["id_number"] = _(
                "Two records hold this ID number and wait on the possible-duplicates list. Merge them there, "
                "then import this row."
            )
        elif existing is None and id_number in ctx.merged_ids and "id_number" not in errors:
            errors["id_number"] = _(
                "This ID number was on a record merged into the record of the same person in %(community)s, "
                "which holds another number. Check the number against the ID card."
            ) % {"community": ctx.merged_ids[id_number]}
        if existing is not None and "id_number" not in errors:
            if existing.community_id not in ctx.visible_community_pks:
                errors["id_number"] = _(
                    "This person is already registered by %(community)s, outside your area. Ask that community "
                    "to transfer the record instead of registering it again."
                ) % {"community": existing.community.name}
            elif existing.is_removed:
                errors["id_number"] = _(
                    "This person's record in %(community)s was removed. Restore it in the registry instead of "
                    "importing it again."
                ) % {"community": existing.community.name}
            elif not ctx.update_existing:
                errors["id_number"] = _(
                    "This person is already registered in %(community)s. Tick “update existing records” to "
                    "update the record from this row, or delete the row."
                ) % {"community": existing.community.name}
        elif (
            id_number.isdigit()
            and len(id_number) == 18
            and id_number.endswith("000")
            and "id_number" not in errors
            and not _checksum_ok(id_number)
        ):
            errors["id_number"] = _(
                "This ID number ends in 000 and its check digit is wrong: the spreadsheet probably turned it into "
                "a number and lost the last digits. Format the column as Text and type it again."
            )

    updating = existing is not None and "id_number" not in errors
    community = _resolve_community(values, ctx, errors)
    if updating and community is not None and community.pk != existing.community_id:
        # As on the record page: moving a record to another community is a transfer, not an edit.
        key = "community_code" if values.get("community_code") else "community_name"
        errors[key] = _(
            "This person is registered in %(community)s. Moving a record to another community is done with a "
            "transfer request, not by import."
        ) % {"community": existing.community.name}
        community = None
    if community is None and not updating and "community_code" not in errors and "community_name" not in errors:
        errors["community_name"] = _("Fill in 社区代码 or 社区名称: your account covers several communities.")

    if updating:
        resident = existing
        old_status = existing.employment_status
        old_registered_on = existing.registered_on
    else:
        old_registered_on = None
        resident = Resident(community=community) if community is not None else Resident()
        old_status = ""
    converted: dict[str, object] = {}
    group_pks = None
    for column in COLUMNS:
        key = column.key
        if key not in ROW_FIELDS or key in errors:
            continue
        text = values.get(key, "")
        if text == "":
            continue
        try:
            if column.kind == CHOICE:
                converted[key] = parse_choice(text, column)
            elif column.kind == BOOL:
                converted[key] = parse_bool(text)
            elif column.kind == DATE:
                converted[key] = parse_date(text)
            elif column.kind == INT:
                converted[key] = parse_int(text)
            elif column.kind == GROUPS:
                group_pks = parse_groups(text, ctx.group_pks)
            elif column.kind == OCCUPATION:
                converted[key] = parse_occupation(text)
            else:
                converted[key] = text
        except CellError as exc:
            errors[key] = str(exc)

    unemployed_since, registration_number = None, values.get("registration_number", "").strip()
    if values.get("unemployed_since"):
        try:
            unemployed_since = parse_date(values["unemployed_since"])
        except CellError as exc:
            errors["unemployed_since"] = str(exc)

    if ctx.trusted and not errors:
        form_errors = _apply_checked(resident, converted, values)
    else:
        form_errors = _form_check(
            ctx, resident, converted, values, errors, unemployed_since, registration_number, updating
        )
    for key, message in form_errors.items():
        errors.setdefault(key, message)
    # The form leaves the status to the status service; the import sets it
    # here and writes its history itself (see services._write).
    if "employment_status" in converted:
        resident.employment_status = converted["employment_status"]
    if community is not None:
        resident.community = community
    if resident.registered_on is None:
        resident.registered_on = ctx.today
    if not errors:
        errors.update(_closed_month_errors(ctx, resident, old_registered_on, old_status, unemployed_since))
    if errors:
        return None, errors
    resident.derive()
    fit_errors = _groups_fit_errors(resident, group_pks, ctx)
    if fit_errors:
        return None, fit_errors
    return (
        PreparedRow(
            row=number,
            resident=resident,
            existing=updating,
            group_pks=group_pks,
            old_status=old_status,
            unemployed_since=unemployed_since,
            registration_number=registration_number,
            old_registered_on=old_registered_on,
        ),
        {},
    )


def _closed_month_errors(ctx: Context, resident: Resident, old_registered_on, old_status, unemployed_since) -> dict:
    """A row dated in (or before the end of) a month its community has closed
    would change that month's figures: named here, before anything is written,
    so staff can leave the date empty or make the change on the record page
    (which offers a correction request)."""
    month = ctx.closed.get(resident.community_id)
    if month is None:
        return {}
    last_day = closed_months.closed_through(month)
    errors = {}
    registered = [resident.registered_on] if old_registered_on is None else []
    if old_registered_on is not None and old_registered_on != resident.registered_on:
        registered = [old_registered_on, resident.registered_on]
    if registered and min(registered) <= last_day:
        errors["registered_on"] = _(
            "%(date)s counts in %(month)s, which %(community)s has closed. Leave the cell empty (the person then "
            "counts from today), or change the date on the record page to ask the street for a correction."
        ) % {"date": min(registered).isoformat(), "month": f"{month:%Y-%m}", "community": resident.community.name}
    status_changes = resident.employment_status and resident.employment_status != old_status
    since = unemployed_since or ctx.today
    if status_changes and since <= last_day:
        errors["unemployed_since"] = _(
            "%(date)s counts in %(month)s, which %(community)s has closed. Leave the cell empty (the status then "
            "dates from today), or change the status on the record page to ask the street for a correction."
        ) % {"date": since.isoformat(), "month": f"{month:%Y-%m}", "community": resident.community.name}
    return errors


# Form field -> ledger column, where they differ.
FORM_TO_KEY = {"status_since": "unemployed_since"}


def _form_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _apply_checked(resident, converted, values) -> dict:
    """What the form would have written, for a row it has already passed."""
    for key in MODEL_FIELDS:
        if key in converted and key not in ("id_number", "mobile", "employment_status"):
            setattr(resident, key, converted[key])
    try:
        if values.get("id_number"):
            resident.id_number = normalize_resident_id(values["id_number"])
        if values.get("mobile"):
            resident.mobile = normalize_mobile(values["mobile"])
    except ValidationError as exc:  # cannot happen for a checked row; report it all the same
        return {"id_number": " ".join(exc.messages)}
    return {}


def _form_check(ctx, resident, converted, values, errors, unemployed_since, registration_number, updating) -> dict:
    """Run the row through the registry's own form (ResidentForm), so the row
    gets the messages staff see on the record page. Cells that already failed
    to convert are left out; the form keeps the record's value for them."""
    from .forms import ImportRowForm

    data = {}
    for key in MODEL_FIELDS:
        if key in converted:
            data[key] = _form_value(converted[key])
        elif updating or key in errors:
            data[key] = _form_value(getattr(resident, key))
        else:
            data[key] = ""
    # The raw text of the ID number and mobile goes to the form, which
    # normalises and explains them itself.
    if "id_number" not in errors:
        data["id_number"] = values.get("id_number", "") or (resident.id_number if updating else "")
    if "mobile" not in errors and values.get("mobile"):
        data["mobile"] = values["mobile"]
    data["wants_training"] = {"true": "true", "false": "false"}.get(data.get("wants_training", ""), "unknown")
    if unemployed_since is not None:
        data["status_since"] = unemployed_since.isoformat()
    data["registration_number"] = registration_number
    form = ctx.forms.get(updating)
    if form is None:
        form = ctx.forms[updating] = ImportRowForm(data=data, instance=resident)
    else:
        form.rebind(data=data, instance=resident)
    if form.is_valid():
        return {}
    out = {}
    for name, messages in form.errors.items():
        key = FORM_TO_KEY.get(name, name)
        if key == "__all__":
            key = "name"
        if key in errors:
            continue
        out[key] = " ".join(str(m) for m in messages)
    return out


def _checksum_ok(id_number: str) -> bool:
    from stations.validators import id_check_char

    return id_check_char(id_number[:17]) == id_number[17]


def check_rows(rows: list[dict], ctx: Context, *, progress: Callable[[int], None] | None = None) -> CheckResult:
    result = CheckResult()
    seen: dict[str, int] = {}
    for index, raw in enumerate(rows, start=1):
        prepared, errors = check_row(raw, ctx, seen)
        if prepared is not None:
            result.prepared.append(prepared)
        for key, message in errors.items():
            result.errors.append(_error(raw["row"], key, message))
        if progress and index % 500 == 0:
            progress(index)
    return result
