import datetime as dt

from django.urls import reverse

from assistance.models import AssistanceCase
from stations.models import AuditEntry
from tests.assistance.conftest import TODAY


def test_ledger_downloads_masked_and_logged(client, community_staff, community):
    import io

    from openpyxl import load_workbook

    from tests.factories import ResidentFactory

    resident = ResidentFactory(community=community)
    AssistanceCase.objects.create(
        resident=resident,
        assigned_to=community_staff,
        opened_by=community_staff,
        opened_on=dt.date.today() - dt.timedelta(days=100),
        year_ends_on=dt.date.today() + dt.timedelta(days=264),
    )
    client.force_login(community_staff)
    response = client.get(reverse("assistance:ledger_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == resident.name
    assert rows[1][2] == resident.masked_id_number
    assert resident.id_number not in str(rows)
    assert AuditEntry.objects.filter(action="export", object_repr="12333 ledger").exists()


def test_ledger_export_cells_are_those_the_case_instances_gave(client, community_staff, make_case, give):
    import io

    from openpyxl import load_workbook

    from assistance import selectors
    from assistance.models import AidType, CaseStatus
    from assistance.schedule import COUNTED_KINDS

    fresh = make_case(opened_days_ago=10)
    behind = make_case(opened_days_ago=200)
    for kind in COUNTED_KINDS[:2]:
        give(behind, kind, 5, 40)
    community_staff.first_name, community_staff.last_name = "", ""
    community_staff.save()
    assert fresh and behind
    client.force_login(community_staff)
    rows = list(load_workbook(io.BytesIO(client.get(reverse("assistance:ledger_export")).content)).active.values)

    schedule = selectors.current_schedule(on=TODAY)
    expected = []
    for case in selectors.case_list(user=community_staff, filters={"status": CaseStatus.OPEN}, today=TODAY):
        progress = selectors.progress_of(case, schedule=schedule, today=TODAY)
        by_kind = {k.kind: k for k in progress.kinds}
        expected.append(
            (
                case.resident.community.name,
                case.resident.name,
                case.resident.masked_id_number,
                case.opened_on,
                dict(AidType.choices)[case.aid_type],
                dict(CaseStatus.choices)[case.status],
                case.assigned_to.get_full_name() or case.assigned_to.get_username(),
                *[f"{by_kind[k].done}/{by_kind[k].required}" for k in COUNTED_KINDS],
                progress.next_due.next_due_on if progress.next_due else None,
                "、".join(str(k.label) for k in progress.overdue) or None,
            )
        )
    got = [tuple(v.date() if isinstance(v, dt.datetime) else v for v in row) for row in rows[1:]]
    assert len(got) == 2
    assert got == [tuple(str(v) if hasattr(v, "_proxy____cast") else v for v in row) for row in expected]
