"""Normalising identifiers and names already stored, for the data migrations
of each app (the apps call this; it imports none of them).

The same functions as on entry (stations.validators.normalize_code and
normalize_text), so a stored value ends as if it had been typed today.
Nothing is merged: where normalising a unique column would make two rows
equal, the row keeps its stored value and the migration says so, and
residents whose ID numbers become equal are both kept and flagged for the
possible-duplicates list (stations 0007).

Not reversible in substance: the typed forms (full-width digits, zero-width
spaces) carry no meaning to restore, so going back (RunPython.noop) leaves
the values normalised.
"""

from __future__ import annotations

import sys

from stations.validators import normalize_code, normalize_text


def _report(message: str) -> None:
    sys.stdout.write(f"  {message}\n")


def normalize_stored_values(model, *, codes=(), texts=(), unique=(), using="default") -> int:
    """Normalise the `codes` (normalize_code) and `texts` (normalize_text)
    columns of every row of `model` (a historical model). A column in
    `unique` keeps a row's stored value when the normalised one is already
    taken, and the row is reported. Returns how many rows changed.

    Rows are read in one pass and written one UPDATE each: values typed
    before normalisation existed are few, and writing each at once lets the
    next row's uniqueness check see it."""
    fields = (*codes, *texts)
    manager = model._base_manager.using(using)
    changed = 0
    for row in manager.only("pk", *fields).order_by("pk").iterator(chunk_size=2000):
        updates = {}
        for name in fields:
            old = getattr(row, name)
            if old is None:
                continue
            new = normalize_code(old) if name in codes else normalize_text(old)
            if new == old:
                continue
            if name in unique and manager.filter(**{name: new}).exclude(pk=row.pk).exists():
                _report(
                    f"{model._meta.label} #{row.pk}: {name} {old!r} normalises to {new!r}, which another row "
                    "holds; left as stored for staff to correct."
                )
                continue
            updates[name] = new
        if updates:
            manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed


def normalize_residents(resident_model, *, using="default") -> tuple[int, int]:
    """Residents: ID number and mobile as codes, the name as text. Where a
    normalised ID number is one that another record already holds, both
    records are kept and this one is flagged `shares_id_number`, so the
    pair appears on the possible-duplicates list instead of being merged
    silently (and the unique constraint, added after, holds). Returns (rows
    changed, rows flagged)."""
    manager = resident_model._base_manager.using(using)
    changed = flagged = 0
    for row in manager.only("pk", "name", "id_number", "mobile").order_by("pk").iterator(chunk_size=2000):
        updates = {}
        name = normalize_text(row.name)
        if name != row.name:
            updates["name"] = name
        mobile = normalize_code(row.mobile)
        if mobile != row.mobile:
            updates["mobile"] = mobile
        id_number = normalize_code(row.id_number)
        if id_number != row.id_number:
            updates["id_number"] = id_number
            if manager.filter(id_number=id_number).exclude(pk=row.pk).exists():
                updates["shares_id_number"] = True
                flagged += 1
                _report(
                    f"resident #{row.pk}: its ID number, normalised, is another record's; both kept and "
                    "listed as possible duplicates."
                )
        if updates:
            manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed, flagged
