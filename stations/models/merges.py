"""Merges of two records of one person (the possible-duplicates list).

A merge keeps one record, moves to it every row that pointed at the other,
and leaves the other as a tombstone (`Resident.merged_into`). What moved is
written down row by row in `moved`, so the district bureau can undo exactly
that within the undo window (stations.services.merges).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.scoping import ScopedQuerySet, ScopePaths

from .residents import Resident


class MergeGrounds(models.TextChoices):
    SAME_ID_NUMBER = "same_id_number", _("Same ID number")
    SAME_NAME_BIRTH_MOBILE = "same_name_birth_mobile", _("Same name, birth date and mobile")


class ResidentMerge(models.Model):
    kept = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="merges_kept", verbose_name=_("record kept")
    )
    duplicate = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="merges_absorbed", verbose_name=_("duplicate record")
    )
    grounds = models.CharField(_("found by"), max_length=32, choices=MergeGrounds)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # {"rows": [{"model": "app.model", "field": "resident", "pks": [..]}],
    #  "links_dropped": [{"model": "app.model", "values": {field: pk}}],
    #  "groups_added": [codes], "household": {...}, "duplicate_before": {...}}
    moved = models.JSONField(_("records moved"), default=dict)
    # Accounts are deactivated, never deleted: the trail always names a person.
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", verbose_name=_("merged by")
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undo_note = models.CharField(_("reason for the undo"), max_length=300, blank=True)

    scope_paths = ScopePaths.via_community("kept__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("merge of duplicate records")
        verbose_name_plural = _("merges of duplicate records")
        constraints = [
            models.CheckConstraint(name="merge_of_two_records", condition=~models.Q(kept=models.F("duplicate"))),
            # A tombstone is merged once; after an undo it may be merged again.
            models.UniqueConstraint(
                fields=["duplicate"], condition=models.Q(undone_at__isnull=True), name="one_live_merge_per_duplicate"
            ),
        ]

    def __str__(self):
        return f"{self.duplicate_id} → {self.kept_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None

    def moved_counts(self) -> list[tuple[str, int]]:
        """[(what, how many)] in the reader's language: "服务记录", 3."""
        out = []
        for entry in (self.moved or {}).get("rows", []):
            try:
                model = apps.get_model(entry["model"])
            except LookupError:
                continue
            out.append((str(model._meta.verbose_name_plural), len(entry["pks"])))
        return out
