"""Reads of the possible-duplicates list and of merges.

A pair is two live records, both in the user's scope, that may be one
person: the same ID number (possible only for pairs the normalisation found,
or after an undo), or the same name, birth date and mobile (one of them has
a mistyped ID number). A street officer sees the pairs of their street, a
district bureau those of its district, the city all; a pair across two
streets is the district's to decide.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone

from stations.models import MergeGrounds, Resident, ResidentMerge
from stations.scoping import get_visible_or_404
from stations.services.merges import merge_grounds

# The name as the pair check compares it (see services.merges.name_key): the
# stored name is already NFKC and trimmed, so spaces are left out here too.
NAME_KEY = Replace(F("name"), Value(" "), Value(""))
# More candidate keys than this in one scope means something went wrong in
# bulk (an import that doubled a ledger): the list shows the first ones.
KEYS_LIMIT = 2000


@dataclass(frozen=True)
class DuplicatePair:
    first: Resident
    second: Resident
    grounds: str

    @property
    def grounds_label(self) -> str:
        return str(MergeGrounds(self.grounds).label)


def _records(qs: QuerySet) -> QuerySet[Resident]:
    return qs.select_related("community__street").order_by("pk")


def resident_duplicate_pairs(*, user) -> list[DuplicatePair]:
    """Possible duplicates in the user's scope, oldest record first in each
    pair, ordered by community. Three queries whatever the number of pairs."""
    visible = Resident.objects.visible_to(user)
    shared_ids = visible.order_by().values("id_number").annotate(n=Count("pk")).filter(n__gt=1).values_list("id_number")
    triples = list(
        visible.exclude(mobile="")
        .annotate(name_key=NAME_KEY)
        .order_by()
        .values_list("name_key", "birth_date", "mobile")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)[:KEYS_LIMIT]
    )
    groups: dict[tuple, list[Resident]] = defaultdict(list)
    for resident in _records(visible.filter(id_number__in=shared_ids[:KEYS_LIMIT])):
        groups[("id", resident.id_number)].append(resident)
    if triples:
        wanted = {(key, birth, mobile) for key, birth, mobile, _n in triples}
        candidates = visible.filter(mobile__in={m for _k, _b, m, _n in triples}).annotate(name_key=NAME_KEY)
        for resident in _records(candidates):
            key = (resident.name_key, resident.birth_date, resident.mobile)  # type: ignore[attr-defined]
            if key in wanted:
                groups[("person", *key)].append(resident)
    pairs: dict[tuple[int, int], DuplicatePair] = {}
    for members in groups.values():
        for first, second in combinations(members, 2):
            grounds = merge_grounds(first, second)
            if grounds is not None and (first.pk, second.pk) not in pairs:
                pairs[(first.pk, second.pk)] = DuplicatePair(first=first, second=second, grounds=grounds)
    return sorted(
        pairs.values(), key=lambda p: (p.first.community.code, p.grounds != MergeGrounds.SAME_ID_NUMBER, p.first.pk)
    )


def resident_duplicate_pair(*, user, pk, other_pk) -> DuplicatePair:
    """One pair for the merge page: both records live and in scope, and
    possible duplicates of each other; 404 otherwise."""
    from django.http import Http404

    qs = Resident.objects.select_related("community__street", "household")
    first = get_visible_or_404(qs, user, pk=pk)
    second = get_visible_or_404(qs, user, pk=other_pk)
    if first.pk == second.pk:
        raise Http404
    first, second = sorted((first, second), key=lambda r: r.pk)
    grounds = merge_grounds(first, second)
    if grounds is None:
        raise Http404
    return DuplicatePair(first=first, second=second, grounds=grounds)


def resident_merge_list(*, user) -> QuerySet[ResidentMerge]:
    """Merges of records in the user's scope (by the record kept), newest first."""
    return ResidentMerge.objects.visible_to(user).select_related(
        "kept__community", "duplicate__community", "merged_by", "undone_by"
    )


def resident_merge_get(*, user, pk) -> ResidentMerge:
    """A merge of a record in the user's scope (by the record kept); 404 for
    one elsewhere, as for a missing one."""
    return get_visible_or_404(ResidentMerge.objects.all(), user, pk=pk)


def resident_merged_into(*, user, pk) -> Resident | None:
    """For the old URL of a tombstone: the live record it was merged into,
    when both are in the user's scope; None otherwise (the page is a 404)."""
    tombstones = Resident.with_tombstones.visible_to(user)
    target = tombstones.filter(pk=pk, merged_into__isnull=False).values_list("merged_into_id", flat=True).first()
    for _hop in range(10):  # the kept record may have been merged again since
        if target is None:
            return None
        kept = Resident.objects.visible_to(user).filter(pk=target).first()
        if kept is not None:
            return kept
        target = (
            tombstones.filter(pk=target, merged_into__isnull=False).values_list("merged_into_id", flat=True).first()
        )
    return None


def resident_merges_into(*, resident) -> list[ResidentMerge]:
    """Merges (not undone) that folded other records into `resident`, for its record page."""
    return list(
        ResidentMerge.objects.filter(kept=resident, undone_at__isnull=True)
        .select_related("duplicate__community", "merged_by")
        .order_by("-merged_at")
    )


def merge_window_open(merge: ResidentMerge) -> bool:
    from stations.services.merges import merge_can_be_undone

    return merge_can_be_undone(merge, now=timezone.now())
