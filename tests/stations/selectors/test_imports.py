import pytest
from django.http import Http404

from stations.selectors import resident_import_batch_get, resident_import_batch_list
from tests.factories import UserFactory
from tests.factories.imports import ResidentImportBatchFactory

pytestmark = pytest.mark.django_db


def test_the_batch_list_holds_only_the_users_own_batches(community_staff, community):
    own = ResidentImportBatchFactory(created_by=community_staff)
    ResidentImportBatchFactory(created_by=UserFactory(role=community_staff.role, community=community))

    assert list(resident_import_batch_list(user=community_staff)) == [own]


def test_a_batch_someone_else_started_is_404(community_staff, community):
    theirs = ResidentImportBatchFactory(created_by=UserFactory(role=community_staff.role, community=community))

    with pytest.raises(Http404):
        resident_import_batch_get(user=community_staff, pk=theirs.pk)


def test_a_missing_batch_is_404_like_another_ones(community_staff):
    with pytest.raises(Http404):
        resident_import_batch_get(user=community_staff, pk=987654)


def test_the_rows_are_read_only_when_asked_for(community_staff):
    batch = ResidentImportBatchFactory(created_by=community_staff)

    without = resident_import_batch_get(user=community_staff, pk=batch.pk)
    with_rows = resident_import_batch_get(user=community_staff, pk=batch.pk, with_rows=True)

    assert "rows" in without.get_deferred_fields()
    assert "rows" not in with_rows.get_deferred_fields()
