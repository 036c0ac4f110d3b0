"""stations.forms.residents.merges: which of a pair of records to keep."""

from types import SimpleNamespace

import pytest

from stations.forms.residents.merges import MergeForm
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_the_record_chosen_is_kept_and_the_other_is_the_duplicate(community):
    first, second = ResidentFactory(community=community), ResidentFactory(community=community)
    form = MergeForm(data={"keep": str(second.pk)}, pair=SimpleNamespace(first=first, second=second))
    assert form.is_valid(), form.errors
    assert form.kept_and_duplicate() == (second, first)


def test_only_a_record_of_the_pair_can_be_kept(community):
    first, second = ResidentFactory(community=community), ResidentFactory(community=community)
    other = ResidentFactory(community=community)
    form = MergeForm(data={"keep": str(other.pk)}, pair=SimpleNamespace(first=first, second=second))
    assert not form.is_valid()
    assert "keep" in form.errors
