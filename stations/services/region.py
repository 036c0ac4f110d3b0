"""Writes of the region: the population and community-worker figures the
district and city bureaus keep (stations.models.CommunityHeadcount)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import AuditAction, Community, CommunityHeadcount, Street, User
from stations.selectors import headcounts_in_effect
from stations.services.common import lock_visible, require


@transaction.atomic
def community_headcount_record(
    *,
    actor: User,
    community: Community,
    effective_from: dt.date,
    urban_population: int,
    community_worker_count: int,
    note: str = "",
) -> CommunityHeadcount:
    """Record a community's urban population and community workers from a date.

    District bureaus for their district's communities, the city bureau for
    any ("stations.keep_headcounts"; a community outside the actor's area is
    refused as if it did not exist). Earlier figures stay as history; the
    date may be in the past (a census day) but not in the future, since the
    community's own fields hold the figure in effect today and nothing would
    bring a future one into effect on its day. Figures of a closed month are
    kept as they stood at closing (the figures are `as_built`): a back-dated
    entry changes reports of open periods only.
    """
    require(actor, "stations.keep_headcounts")
    locked = lock_visible(Community, actor=actor, pk=community.pk, error=PermissionDenied("stations.keep_headcounts"))
    errors: dict[str, str] = {}
    if effective_from is None:
        errors["effective_from"] = _("Enter the date the figures hold from.")
    elif effective_from > timezone.localdate():
        errors["effective_from"] = _(
            "The date is in the future. Record the figures on or after the day they hold from."
        )
    for name, value in (("urban_population", urban_population), ("community_worker_count", community_worker_count)):
        if value is None or value < 0:
            errors[name] = _("Enter a whole number, 0 or more.")
    if errors:
        raise ValidationError(errors)
    if not CommunityHeadcount.objects.filter(community=locked).exists():
        # Keep what the community held before history was kept, so the months
        # before this date still read it.
        CommunityHeadcount.objects.create(
            community=locked,
            effective_from=None,
            urban_population=locked.urban_population,
            community_worker_count=locked.community_worker_count,
            note=_("Figures held before their history was kept"),
        )
    before = (locked.urban_population, locked.community_worker_count)
    row = CommunityHeadcount(
        community=locked,
        effective_from=effective_from,
        urban_population=urban_population,
        community_worker_count=community_worker_count,
        note=note,
        recorded_by=actor,
    )
    row.full_clean()
    row.save()
    current = headcounts_in_effect(community_ids=[locked.pk], on=timezone.localdate())[locked.pk]
    locked.urban_population = current.urban_population
    locked.community_worker_count = current.community_worker_count
    locked.save(update_fields=["urban_population", "community_worker_count"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={
            "urban_population": [before[0], urban_population],
            "community_worker_count": [before[1], community_worker_count],
            "effective_from": effective_from,
            "note": note,
        },
    )
    return row


@transaction.atomic
def street_headcounts_record(
    *,
    actor: User,
    street: Street,
    effective_from: dt.date,
    figures: Mapping[int, tuple[int, int]],
    note: str = "",
) -> list[CommunityHeadcount]:
    """Record the figures of several communities of one street from one date,
    all or none: {community_id: (urban_population, community_workers)}. Only
    communities whose figures differ from those in effect on that date get a
    row, so a form sent back unchanged records nothing. Each row is recorded
    as `community_headcount_record` records one (same rules, one audit entry
    each)."""
    require(actor, "stations.keep_headcounts")
    communities = {c.pk: c for c in Community.objects.visible_to(actor).filter(street=street, pk__in=list(figures))}
    if len(communities) != len(figures):
        raise PermissionDenied("stations.keep_headcounts")
    in_effect = headcounts_in_effect(community_ids=list(communities), on=effective_from) if effective_from else {}
    rows = []
    for pk in sorted(figures):
        population, workers = figures[pk]
        was = in_effect.get(pk)
        if was is not None and (was.urban_population, was.community_worker_count) == (population, workers):
            continue
        rows.append(
            community_headcount_record(
                actor=actor,
                community=communities[pk],
                effective_from=effective_from,
                urban_population=population,
                community_worker_count=workers,
                note=note,
            )
        )
    return rows
