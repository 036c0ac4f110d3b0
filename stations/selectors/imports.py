"""Reads of resident import batches: each account sees only the batches it
started, and those only while the community imported into is in its scope."""

from __future__ import annotations

from django.db.models import QuerySet

from stations.models import ResidentImportBatch
from stations.scoping import get_visible_or_404


def resident_import_batch_list(*, user) -> QuerySet[ResidentImportBatch]:
    """The user's own batches, without the uploaded file or the rows (large)."""
    return ResidentImportBatch.objects.filter(created_by=user).defer("file_data", "rows")


def resident_import_batch_get(*, user, pk, with_rows: bool = False) -> ResidentImportBatch:
    """One of the user's own batches in their scope, without the uploaded
    file, and without the rows unless `with_rows`; 404 for anyone else's, as
    for a missing one."""
    qs = ResidentImportBatch.objects.filter(created_by=user).defer("file_data")
    if not with_rows:
        qs = qs.defer("file_data", "rows")
    return get_visible_or_404(qs, user, pk=pk)
