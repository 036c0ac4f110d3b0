"""The resident ledger import against reading the file plus one bare insert."""

from __future__ import annotations

import io
import random
import time

from django.db import transaction

from benchmarks.measures.results import Result, ratio_result
from benchmarks.measures.timing import Rollback, alternate

IMPORT_DISTRICT = "370499"  # no such district in the city data: the ledger's ID numbers are all new


def _rebase_ids(data: bytes) -> bytes:
    """The ledger generator writes ID numbers of 370402 (a real district whose
    residents the city data holds); move them to the bench district so none
    collides with a registered resident."""
    from openpyxl import load_workbook

    from stations.validators import id_check_char

    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    for (cell,) in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        first17 = IMPORT_DISTRICT + str(cell.value)[6:17]
        cell.value = first17 + id_check_char(first17)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def measure_import(*, rows: int = 10_000, repeat: int = 1, seed: int = 20261126) -> list[Result]:
    """resident_import_batch_create + _confirm (the real path) against reading
    the same file read-only plus one bare bulk insert (bench_resident_import's
    functions). Each run is rolled back."""
    from stations.imports import services as import_services
    from stations.management.commands.bench_resident_import import bare_insert, ledger
    from stations.models import Community, District, Role, Street, User

    import_services.ASYNC_ROW_THRESHOLD = 10**9  # time the work itself, not a queue
    data, _rows = ledger(rows, f"{IMPORT_DISTRICT}001001", random.Random(seed))
    data = _rebase_ids(data)
    errors: list = []

    def setup():
        district, _ = District.objects.get_or_create(code=IMPORT_DISTRICT, defaults={"name": "基准测试区"})
        street, _ = Street.objects.get_or_create(
            code=f"{IMPORT_DISTRICT}001", district=district, defaults={"name": "基准街道"}
        )
        community, _ = Community.objects.get_or_create(
            code=f"{IMPORT_DISTRICT}001001", street=street, defaults={"name": "基准社区"}
        )
        user = User.objects.create(username=f"bench-import-{seed}", role=Role.COMMUNITY_STAFF, community=community)
        return community, user

    def product() -> float:
        elapsed = 0.0
        try:
            with transaction.atomic():
                _community, user = setup()
                started = time.perf_counter()
                batch = import_services.resident_import_batch_create(
                    actor=user, filename="bench.xlsx", data=data, update_existing=False
                )
                if batch.errors:
                    errors[:] = batch.errors[:3]
                else:
                    import_services.resident_import_batch_confirm(actor=user, batch=batch)
                elapsed = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        return elapsed

    def limit() -> float:
        elapsed = 0.0
        try:
            with transaction.atomic():
                community, _user = setup()
                started = time.perf_counter()
                bare_insert(data, community)
                elapsed = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        return elapsed

    value, bare = alternate(product, limit, repeat, warm_up=False)
    result = ratio_result(f"resident ledger import ({rows:,} rows)", value, bare, "s", at_most=3)
    if errors:
        result.met, result.note = False, f"the import found errors: {errors}"
    return [result]
