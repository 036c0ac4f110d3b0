import io

from openpyxl import load_workbook

from entrepreneurship.exports import award_register_export
from stations.models import AuditEntry
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import paid_application


def _rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_award_register_lists_paid_awards_in_scope_with_masked_id_numbers(
    community_staff, community, far_community
):
    resident = ResidentFactory(community=community)
    paid_application(resident=resident)
    paid_application(resident=ResidentFactory(community=far_community))
    rows = _rows(award_register_export(user=community_staff))
    assert [row[4] for row in rows[1:]] == [resident.name]
    assert rows[1][5] == resident.masked_id_number
    assert resident.id_number not in str(rows)


def test_downloading_the_award_register_is_audited(community_staff):
    award_register_export(user=community_staff)
    assert AuditEntry.objects.filter(action="export", object_repr="award register").exists()
