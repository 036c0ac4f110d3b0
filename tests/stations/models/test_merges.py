"""Merges of two records of one person (stations/models/merges.py): what moved, undone or not."""

import pytest
from django.db import IntegrityError, transaction

from stations.models import MergeGrounds, ResidentMerge
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _merge(community, user, **fields):
    return ResidentMerge.objects.create(
        kept=ResidentFactory(community=community), duplicate=ResidentFactory(community=community),
        grounds=MergeGrounds.values[0], merged_by=user, **fields,
    )  # fmt: skip


def test_the_rows_moved_are_counted_by_what_they_are_and_unknown_models_skipped(community, street_officer):
    moved = {"rows": [{"model": "stations.servicerecord", "pks": [1, 2, 3]}, {"model": "gone.thing", "pks": [4]}]}
    merge = _merge(community, street_officer, moved=moved)
    assert [count for _what, count in merge.moved_counts()] == [3]
    assert not merge.is_undone


def test_a_record_cannot_be_merged_into_itself(community, street_officer):
    resident = ResidentFactory(community=community)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResidentMerge.objects.create(
            kept=resident, duplicate=resident, grounds=MergeGrounds.values[0], merged_by=street_officer
        )
