"""What points at a resident, and what a merge of two records would break.

`stations` imports no feature app, yet a merge must move every row that
points at a person: services, assistance cases, training enrolments, subsidy
applications, recommendations and placements, cooperative placements, loans,
business founders, job alerts... They are found from the model graph
(`Resident._meta.related_objects`), so a relation added later moves too.

A move must not break a unique rule (two open assistance cases, two live
subsidy applications of one kind, two live enrolments in one class). The
rules are read from each model's unique fields, `unique_together` and
`UniqueConstraint`s (with their conditions), and a merge that would break one
is refused with a message naming both rows. Rules that no constraint states
are added by the app that owns them, from its AppConfig.ready():

    from stations.merging import register_merge_check

    def one_startup_subsidy_per_person(kept, duplicate) -> list[str]:
        ...  # messages naming the conflict, or []

    register_merge_check(one_startup_subsidy_per_person)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from stations.models import Resident, ResidentMerge

MergeCheck = Callable[[Resident, Resident], list[str]]
_CHECKS: list[MergeCheck] = []


def register_merge_check(check: MergeCheck) -> None:
    """Add a check `check(kept, duplicate) -> [message]` run before a merge."""
    if check not in _CHECKS:
        _CHECKS.append(check)


@dataclass(frozen=True)
class Relation:
    """Rows of `model` whose foreign key `field` points at a resident."""

    model: type[models.Model]
    field: str
    # The auto-created table of a many-to-many (a business's founders): a
    # link both records share is the same fact, dropped rather than moved.
    link_table: bool = False

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def shown_model(self) -> type[models.Model]:
        """The model a person reads about (the business, not its link table)."""
        if self.link_table:
            other = next(f for f in self.model._meta.fields if f.is_relation and f.related_model is not Resident)
            return other.related_model
        return self.model

    @property
    def attname(self) -> str:
        return self.model._meta.get_field(self.field).attname

    def rows_of(self, resident) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.field: resident})


def resident_relations() -> list[Relation]:
    """Every foreign key to Resident, except the merge's own bookkeeping
    (the tombstone's pointer and the merge rows)."""
    out = []
    for rel in Resident._meta.related_objects:
        model = rel.related_model
        if model is ResidentMerge or (model is Resident and rel.field.name == "merged_into"):
            continue
        if rel.many_to_many:
            through = rel.through
            fk = next(f for f in through._meta.fields if f.is_relation and f.related_model is Resident)
            out.append(Relation(model=through, field=fk.name, link_table=through._meta.auto_created))
        else:
            out.append(Relation(model=model, field=rel.field.name))
    return out


@dataclass(frozen=True)
class UniqueRule:
    others: tuple[str, ...]  # the rule's fields besides the resident
    condition: models.Q | None


def unique_rules(relation: Relation) -> list[UniqueRule]:
    """The unique rules of `relation.model` that include its resident field."""
    meta = relation.model._meta
    rules = []
    if meta.get_field(relation.field).unique:
        rules.append(UniqueRule(others=(), condition=None))
    for fields in meta.unique_together:
        if relation.field in fields:
            rules.append(UniqueRule(others=tuple(f for f in fields if f != relation.field), condition=None))
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and relation.field in (constraint.fields or ()):
            rules.append(
                UniqueRule(
                    others=tuple(f for f in constraint.fields if f != relation.field), condition=constraint.condition
                )
            )
    return rules


@dataclass(frozen=True)
class Clash:
    """A row of the duplicate that may not join the kept record's rows."""

    relation: Relation
    duplicate_pk: int
    kept_pk: int


def _keys(relation: Relation, rule: UniqueRule, resident) -> dict[tuple, int]:
    rows = relation.rows_of(resident)
    if rule.condition is not None:
        rows = rows.filter(rule.condition)
    return {tuple(row[f] for f in rule.others): row["pk"] for row in rows.values("pk", *rule.others).order_by("pk")}


def clashes(kept, duplicate, relations: list[Relation] | None = None) -> list[Clash]:
    """Rows of `duplicate` that the unique rules forbid beside `kept`'s."""
    found = []
    for relation in relations if relations is not None else resident_relations():
        for rule in unique_rules(relation):
            kept_keys = _keys(relation, rule, kept)
            if not kept_keys:
                continue
            for key, pk in _keys(relation, rule, duplicate).items():
                if key in kept_keys:
                    found.append(Clash(relation=relation, duplicate_pk=pk, kept_pk=kept_keys[key]))
    return found


def _shown(relation: Relation, pk: int) -> str:
    row = relation.model._base_manager.filter(pk=pk).first()
    if row is None:
        return "#%d" % pk
    if relation.link_table:
        other = next(f for f in relation.model._meta.fields if f.is_relation and f.related_model is not Resident)
        return str(getattr(row, other.name))
    return str(row)


def conflict_messages(kept, duplicate, relations: list[Relation] | None = None) -> list[str]:
    """Why `duplicate` cannot be merged into `kept` now, one message per
    clash (link-table clashes are not conflicts: the link is dropped), plus
    what the registered checks say."""
    messages = []
    for clash in clashes(kept, duplicate, relations):
        if clash.relation.link_table:
            continue
        messages.append(
            _(
                "Both records have a “%(what)s” that one person may have only once: “%(kept)s” and "
                "“%(duplicate)s”. Close, withdraw or end one of them, then merge."
            )
            % {
                "what": clash.relation.model._meta.verbose_name,
                "kept": _shown(clash.relation, clash.kept_pk),
                "duplicate": _shown(clash.relation, clash.duplicate_pk),
            }
        )
    for check in _CHECKS:
        messages.extend(check(kept, duplicate))
    return messages


def relation_counts(resident, relations: list[Relation] | None = None) -> list[tuple[str, int]]:
    """[(what, how many rows point at `resident`)] for the relations that
    have any: what a merge would move. One query per relation."""
    out = []
    for relation in relations if relations is not None else resident_relations():
        count = relation.rows_of(resident).count()
        if count:
            out.append((str(relation.shown_model._meta.verbose_name_plural), count))
    return out
