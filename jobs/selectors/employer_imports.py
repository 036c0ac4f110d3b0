"""The user's own employer import batches."""

from __future__ import annotations

from django.db.models import QuerySet

from jobs.models import EmployerImportBatch
from stations.scoping import get_visible_or_404


def employer_import_batch_list(*, user) -> QuerySet[EmployerImportBatch]:
    """The user's own import batches, newest first, without their file and rows."""
    return EmployerImportBatch.objects.visible_to(user).filter(created_by=user).defer("file_data", "rows")


def employer_import_batch_get(*, user, pk: int, with_rows: bool = False) -> EmployerImportBatch:
    """One of the user's own batches within their node; 404 for anyone else's,
    as for a missing one."""
    qs = EmployerImportBatch.objects.filter(created_by=user).defer("file_data")
    if not with_rows:
        qs = qs.defer("file_data", "rows")
    return get_visible_or_404(qs, user, pk=pk)
