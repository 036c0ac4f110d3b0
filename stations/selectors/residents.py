"""Reads of the resident registry: search, lists, the record page and the
duplicate check on registration.

Every function that returns records takes the user and starts from
`visible_to(user)`, so staff see only their node. The derived target groups
are in stations.selectors.target_groups, transfer requests in
stations.selectors.transfers. `resident_duplicate_check` is the one
deliberate exception to scope: the ID number is unique city-wide, so it
looks everywhere and returns only the name of the community that holds the
record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from stations.models import (
    SENSITIVE_GROUPS,
    EmploymentStatusChange,
    Resident,
    ResidentTransferRequest,
    Role,
    ServiceRecord,
    TargetGroup,
    TransferStatus,
    UnemploymentRegistration,
)
from stations.scoping import CityWideRead, city_wide, get_visible_or_404
from stations.search_tokens import HasSearchTokens, pinyin_query, query_grams
from stations.selectors.target_groups import DERIVED_GROUPS, long_term_unemployed_exists
from stations.validators import normalize_code, normalize_text


# --- search -------------------------------------------------------------------------
def search_q(text: str) -> Q:
    """What a search box finds: an ID number or phone exactly, the last four
    digits (or three plus X) of either, otherwise part of the name, or the
    name's pinyin initials or full pinyin (张晓燕: zxy, zhangxiaoyan, any
    reading of the surname). The text is normalised as stored values are
    (full-width digits, spaces between digit groups, zero-width characters),
    so what was typed finds the person.

    Each form is answered by an index: the ID number and mobile columns, the
    stored last four of each (id_tail, mobile_tail), and on PostgreSQL the GIN
    index on the search tokens (stations.search_tokens), with `icontains`
    rechecking a name of three or more characters."""
    name = normalize_text(text)
    compact = re.sub(r"[-‐‑‒–—()]", "", normalize_code(text))
    if not compact:
        return Q()
    if re.fullmatch(r"[0-9]{17}[0-9X]", compact):
        return Q(id_number=compact)
    mobile = re.sub(r"^(\+86|0086)", "", compact)
    if re.fullmatch(r"1[0-9]{10}", mobile):
        return Q(mobile=mobile)
    if re.fullmatch(r"[0-9]{3}[0-9X]", compact):
        return Q(id_tail=compact) | Q(mobile_tail=compact)
    if re.fullmatch(r"[0-9]{5,17}", compact):
        return Q(id_number__contains=compact) | Q(mobile__contains=compact)
    found = name_q(name)
    spelled = pinyin_query(name)
    if spelled:
        found |= Q(HasSearchTokens([spelled]))
    return found


def name_q(name: str) -> Q:
    """Part of the name, as `icontains` finds it, asked first of the search
    tokens (on PostgreSQL the GIN index: one probe for one or two characters,
    the pairs of a longer text)."""
    return Q(HasSearchTokens(query_grams(name))) & Q(name__icontains=name)


SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "age": ("-birth_date", "pk"),
    "-age": ("birth_date", "pk"),
    "new": ("-created_at", "-pk"),
    "community": ("community__code", "name", "pk"),
    "four_clears": ("four_clears_score", "name", "pk"),
    "-four_clears": ("-four_clears_score", "name", "pk"),
}


def resident_search(*, user, filters: dict | None = None) -> QuerySet[Resident]:
    """Residents in the user's scope, filtered and sorted, without the columns
    a list shows: what a page counts and takes its ids from (`resident_rows`
    then reads those rows only). For a clerk of one community the count and
    the page of ids by name read the partial index resident_live_by_name.

    filters: text (name, pinyin, ID or phone, or their last four digits),
    community (pk), status, group (a TargetGroupCode or a DERIVED_GROUPS
    code), skill, four_clears ("complete", "incomplete" or "0".."4"), wish
    ("free_text": a wanted job still in free text, with no category chosen),
    removed (bool: show removed records instead of active ones), sort (a SORTS
    key).
    """
    filters = filters or {}
    today = timezone.localdate()
    qs = Resident.objects.visible_to(user)
    qs = qs.filter(removed_at__isnull=False) if filters.get("removed") else qs.active()
    if filters.get("text"):
        qs = qs.filter(search_q(filters["text"]))
    if filters.get("community"):
        qs = qs.filter(community_id=filters["community"])
    if filters.get("status"):
        qs = qs.filter(employment_status=filters["status"])
    group = filters.get("group")
    if group in DERIVED_GROUPS:
        qs = qs.filter(DERIVED_GROUPS[group].q(today))
    elif group:
        qs = qs.filter(Exists(TargetGroup.objects.filter(resident=OuterRef("pk"), code=group)))
    if filters.get("skill"):
        qs = qs.filter(skill_level=filters["skill"])
    clears = str(filters.get("four_clears") or "")
    if clears == "complete":
        qs = qs.filter(four_clears_score=4)
    elif clears == "incomplete":
        qs = qs.filter(four_clears_score__lt=4)
    elif clears.isdigit():
        qs = qs.filter(four_clears_score=int(clears))
    if filters.get("wish") == "free_text":
        qs = qs.filter(wanted_occupation="").exclude(wanted_job_categories="")
    sort = filters.get("sort") or ""
    order = SORTS.get(sort, SORTS["community"])
    if order == SORTS["community"] and _one_community(user, filters):
        # The same order without the join: one community's code is one value.
        order = ("name", "pk")
    return qs.order_by(*order)


def _one_community(user, filters: dict) -> bool:
    return bool(filters.get("community")) or bool(
        getattr(user, "role", None) == Role.COMMUNITY_STAFF and getattr(user, "community_id", None)
    )


def _with_list_columns(qs: QuerySet[Resident]) -> QuerySet[Resident]:
    return (
        qs.annotate(long_term_unemployed=long_term_unemployed_exists(timezone.localdate()))
        .select_related("community", "household")
        .prefetch_related("target_groups")
    )


def resident_rows(*, pks: list[int]) -> list[Resident]:
    """The list's rows for `pks` (taken from `resident_search`, so already in
    scope), in that order, with the long-term-unemployed flag worked out for
    these rows only: three queries whatever the page size."""
    if not pks:
        return []
    by_pk = {r.pk: r for r in _with_list_columns(Resident.objects.filter(pk__in=pks)).order_by()}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def resident_list(*, user, filters: dict | None = None) -> QuerySet[Resident]:
    """`resident_search` with the list's columns (groups prefetched,
    long-term flag annotated), for the API and callers that read every row;
    a fixed number of queries whatever the page size. A paged list reads
    ids from `resident_search` and the rows from `resident_rows` instead."""
    return _with_list_columns(resident_search(user=user, filters=filters))


def resident_get_for_user(*, user, pk) -> Resident:
    """One record for the record page: 404 for missing and out of scope alike."""
    today = timezone.localdate()
    qs = (
        Resident.objects.select_related("community__street__district", "household")
        .prefetch_related("target_groups")
        .annotate(long_term_unemployed=long_term_unemployed_exists(today))
    )
    return get_visible_or_404(qs, user, pk=pk)


def resident_get(*, user, pk) -> Resident:
    """A record in the user's scope as stored, for a service to change or a
    check: 404 for missing and out of scope alike."""
    return get_visible_or_404(Resident.objects.all(), user, pk=pk)


def resident_visible(*, user, pk) -> bool:
    """Whether the record `pk` is live and in the user's scope."""
    return Resident.objects.visible_to(user).filter(pk=pk).exists()


def household_member_find(*, user, id_number: str) -> Resident | None:
    """The record in the user's scope with this ID number (normalised by the
    caller), to join their household; None when there is none."""
    return Resident.objects.visible_to(user).filter(id_number=id_number).first()


def resident_shown_group_codes(*, pks: list[int]) -> dict[int, list[str]]:
    """{resident pk: the codes of their non-sensitive target groups, in the
    groups' order} for `pks` (already in scope): one query."""
    through = Resident.target_groups.through
    groups: dict[int, list[str]] = {}
    for resident_id, code in (
        through.objects.filter(resident_id__in=pks)
        .exclude(targetgroup__code__in=SENSITIVE_GROUPS)
        .order_by("targetgroup__position", "targetgroup_id")
        .values_list("resident_id", "targetgroup__code")
    ):
        groups.setdefault(resident_id, []).append(code)
    return groups


def target_group_list() -> QuerySet[TargetGroup]:
    """The recorded target groups (the same for everyone), in order: the
    choices of a record's groups."""
    return TargetGroup.objects.all()


def resident_record_parts(*, user, resident: Resident, services_limit: int = 100) -> dict:
    """What the record page shows beside the record: employment history,
    unemployment registrations, service timeline, household members and open
    transfer requests. One query each, whatever their length."""
    members = []
    if resident.household_id:
        members = list(
            Resident.objects.visible_to(user)
            .active()
            .filter(household_id=resident.household_id)
            .exclude(pk=resident.pk)
            .order_by("birth_date")
        )
    return {
        "status_changes": list(
            EmploymentStatusChange.objects.filter(resident=resident).select_related("recorded_by")[:50]
        ),
        "registrations": list(UnemploymentRegistration.objects.filter(resident=resident)[:20]),
        "services": list(ServiceRecord.objects.filter(resident=resident).select_related("staff")[:services_limit]),
        "household_members": members,
        "transfers": list(
            ResidentTransferRequest.objects.filter(resident=resident, status=TransferStatus.PENDING).select_related(
                "to_community", "requested_by"
            )
        ),
    }


# --- duplicates ---------------------------------------------------------------------
@dataclass(frozen=True)
class DuplicateFound:
    """Who holds a person's record, and nothing else about it."""

    resident_pk: int
    community_pk: int
    community_name: str
    removed: bool


def resident_duplicate_check(id_number: str, exclude_pk: int | None = None) -> DuplicateFound | None:
    """The record holding this ID number anywhere in the city (ignoring
    `exclude_pk`), or None. Callers show only the community name to staff who
    cannot see the record.

    The number is compared normalised, so full-width digits or a lowercase x
    find the person typed in ASCII. A number that only a tombstone holds (a
    record merged into another because it was the same person with a
    mistyped number) answers with the record it was merged into."""
    id_number = normalize_code(id_number)
    if not id_number:
        return None
    records = city_wide(Resident.with_tombstones, read=CityWideRead.RESIDENT_ID_NUMBER)
    qs = records.filter(id_number=id_number)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    # A live record first; a tombstone only when no live record holds the number.
    row = qs.order_by(F("merged_into").asc(nulls_first=True), "pk").values("pk", "merged_into_id").first()
    if row is None:
        return None
    pk = row["pk"]
    for _hop in range(10):  # a kept record may itself have been merged later
        if row["merged_into_id"] is None:
            break
        pk = row["merged_into_id"]
        row = records.filter(pk=pk).values("pk", "merged_into_id").first()
        if row is None:
            return None
    if exclude_pk and pk == exclude_pk:
        return None
    found = records.filter(pk=pk).values("pk", "community_id", "community__name", "removed_at").first()
    if found is None:
        return None
    return DuplicateFound(
        resident_pk=found["pk"],
        community_pk=found["community_id"],
        community_name=found["community__name"],
        removed=found["removed_at"] is not None,
    )
