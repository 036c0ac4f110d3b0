import io

import factory
from openpyxl import Workbook

from stations.models import ImportStatus, ResidentImportBatch


class ResidentImportBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentImportBatch

    created_by = factory.SubFactory("tests.factories.users.UserFactory")
    community = factory.LazyAttribute(lambda o: o.created_by.community)
    street = factory.LazyAttribute(lambda o: o.community.street if o.community else None)
    district = factory.LazyAttribute(lambda o: o.community.street.district if o.community else None)
    filename = factory.Sequence(lambda n: f"台账{n}.xlsx")
    file_data = b""
    status = ImportStatus.INVALID
    rows = factory.LazyFunction(lambda: [{"row": 2, "values": {"name": "张三", "id_number": "123"}}])
    errors = factory.LazyFunction(lambda: [{"row": 2, "column": "身份证号", "field": "id_number", "message": "bad"}])
    row_count = 1


class EmployerImportBatchFactory(ResidentImportBatchFactory):
    class Meta:
        model = "jobs.EmployerImportBatch"

    filename = factory.Sequence(lambda n: f"用工单位{n}.xlsx")
    rows = factory.LazyFunction(lambda: [{"row": 2, "values": {"name": "好邻居超市", "credit_code": "123"}}])
    errors = factory.LazyFunction(
        lambda: [{"row": 2, "column": "统一社会信用代码", "field": "credit_code", "message": "bad"}]
    )


def workbook_bytes(headers, rows) -> bytes:
    """An .xlsx file of one sheet: the header row, then `rows`, as an upload holds it."""
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
