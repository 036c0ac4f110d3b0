"""Workflows declared as data, applied one way.

A workflow is a table of steps over one state field of a model: each step has
a name, the states it may start from, the state it leads to, a label and the
roles that may take it. `Workflow.apply` is the only way a record changes
state: it locks the row inside the actor's scope, re-reads the state (so of two
people acting at once the second is refused, not applied twice), runs the
caller's checks and side effects, saves, writes the workflow's event row and
the audit entry. Templates ask `Workflow.allowed(obj, user)` which steps to
offer (through the `steps_for` template filter, which reads the model's
`workflow` attribute) instead of testing the state themselves.

    POSTING_WORKFLOW = Workflow(
        state_field="status",
        steps=[Step("publish", {S.PENDING}, S.PUBLISHED, _("Publish"), roles={Role.COMMUNITY_STAFF})],
        event=EventLog(model_path="jobs.PostingEvent", subject="posting"),
    )
    POSTING_WORKFLOW.apply(queryset=Posting.objects, obj=posting, step="publish", actor=user)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Step:
    """One declared transition. Empty `roles` means every role that passes the
    view's permission rule may take it. `rule` names a registered permission
    rule instead ("partnerships.publish_example"), read when asked, so a step
    follows the rule wherever the app registers it."""

    name: str
    sources: frozenset[str]
    target: str
    label: object  # a lazy translation
    roles: frozenset[str] = field(default_factory=frozenset)
    rule: str = ""

    def __init__(
        self, name: str, sources: Iterable[str], target: str, label, roles: Iterable[str] = (), *, rule: str = ""
    ):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "rule", rule)

    def open_to(self, user) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if self.rule:
            from stations.permissions import user_can

            return user_can(user, self.rule)
        return not self.roles or getattr(user, "role", None) in self.roles


@dataclass(frozen=True)
class EventLog:
    """Where a workflow writes one row per step taken: the model (as
    "app_label.Model", resolved late so models can declare their workflow
    before the event model exists) and the names of its fields."""

    model_path: str
    subject: str
    step: str = "step"
    from_state: str = "from_state"
    to_state: str = "to_state"
    actor: str = "actor"
    note: str = "note"
    note_length: int = 500

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_path)


class Workflow:
    def __init__(
        self,
        *,
        state_field: str,
        steps: Iterable[Step],
        event: EventLog | None = None,
        changed_at_field: str | None = None,
        state_message=None,
    ):
        """`state_message` words the refusal of a step from the wrong state in
        the record's own terms; it is formatted with %(state)s (also as
        %(status)s) and %(step)s."""
        self.state_field = state_field
        self.steps: dict[str, Step] = {s.name: s for s in steps}
        self.event = event
        self.changed_at_field = changed_at_field
        self.state_message = state_message

    def __iter__(self):
        return iter(self.steps.values())

    def step(self, name: str) -> Step:
        try:
            return self.steps[str(name)]
        except KeyError:
            raise ValidationError(_("Unknown step %(name)s.") % {"name": name}, code="unknown_step") from None

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def allowed(self, obj, user) -> list[Step]:
        """The steps `user` may take on `obj` now, in declaration order."""
        state = self.state_of(obj)
        return [s for s in self.steps.values() if state in s.sources and s.open_to(user)]

    def can(self, obj, user, name: str) -> bool:
        return any(s.name == name for s in self.allowed(obj, user))

    def apply(
        self,
        *,
        queryset: Any,
        obj: M,
        step: str,
        actor,
        note: str = "",
        check: Callable[[M], list[str] | None] | None = None,
        before: Callable[[M], None] | None = None,
        after: Callable[[M, str], None] | None = None,
        event_fields: dict | None = None,
        audit_changes: dict | None = None,
        conflict_message: str | None = None,
        conflict_error: Callable[[models.Model], Exception] | None = None,
        request=None,
    ) -> M:
        """Take `step` on `obj` for `actor`, once.

        `queryset` is the model's scoped manager or a queryset of it; the row is
        locked through `visible_to(actor)`, so a record that left the actor's
        scope meanwhile is refused like a missing one. `check(locked)` runs
        under the lock before the state changes: it raises ValidationError to
        refuse, or sets fields on the row and returns their names to save.
        `before(locked)` runs once the checks passed, just before the new state
        is saved: what must give way first (the catalogue a new one
        supersedes, under a uniqueness constraint) goes there.
        `after(locked, previous_state)` runs once the state is saved (placements,
        employment history, notifications). `conflict_message` replaces the
        database's wording when a uniqueness constraint refuses the new state;
        `conflict_error(locked)` instead returns the error to raise, for a
        refusal that names what holds the place.
        """
        from stations.audit import audit_record
        from stations.models import AuditAction

        chosen = self.step(step)
        if not chosen.open_to(actor):
            raise PermissionDenied(step)
        with transaction.atomic():
            locked = queryset.visible_to(actor).select_for_update(of=("self",)).filter(pk=obj.pk).first()
            if locked is None:
                raise ValidationError(_("This record is outside your area."), code="scope")
            previous = self.state_of(locked)
            if previous not in chosen.sources:
                field_obj = locked._meta.get_field(self.state_field)
                shown = dict(field_obj.flatchoices).get(previous, previous)
                message = self.state_message or _("This record is already “%(state)s”; “%(step)s” cannot be taken now.")
                raise ValidationError(
                    str(message) % {"state": shown, "status": shown, "step": chosen.label}, code="state"
                )
            fields = [self.state_field]
            if check is not None:
                fields += list(check(locked) or [])
            if before is not None:
                before(locked)
            setattr(locked, self.state_field, chosen.target)
            if self.changed_at_field:
                setattr(locked, self.changed_at_field, timezone.now())
                fields.append(self.changed_at_field)
            try:
                with transaction.atomic():
                    locked.save(update_fields=list(dict.fromkeys(fields)))
            except IntegrityError:
                if conflict_error is not None:
                    raise conflict_error(locked) from None
                if conflict_message is None:
                    raise
                raise ValidationError(conflict_message, code="conflict") from None
            if self.event is not None:
                spec = self.event
                spec.model._default_manager.create(
                    **{
                        spec.subject: locked,
                        spec.step: chosen.name,
                        spec.from_state: previous,
                        spec.to_state: chosen.target,
                        spec.actor: actor,
                        spec.note: (note or "")[: spec.note_length],
                    },
                    **(event_fields or {}),
                )
            audit_record(
                actor=actor,
                action=AuditAction.TRANSITION,
                obj=locked,
                request=request,
                changes={self.state_field: [previous, chosen.target], "step": chosen.name, **(audit_changes or {})},
            )
            if after is not None:
                after(locked, previous)
        obj.refresh_from_db()
        return locked
