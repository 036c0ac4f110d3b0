"""The report models."""

from tests.factories.reports import ReportRequestFactory


def test_a_workbook_of_a_range_gets_a_file_name_without_dots_in_a_row(db):
    report = ReportRequestFactory(node_code="city", period_label="2026-01-01..2026-03-31")

    assert report.filename == "progress-city-2026-01-01_2026-03-31.xlsx"


def test_each_workbook_is_built_under_its_own_handoff_key(db):
    first, second = ReportRequestFactory(), ReportRequestFactory()

    assert first.handoff_key == f"reports.build:{first.pk}" != second.handoff_key


def test_a_pending_correction_offers_its_requester_only_the_withdrawal(db, community):
    from reports.models import CorrectionRequest
    from stations.models import Role
    from tests.factories import UserFactory

    requester = UserFactory(role=Role.STREET_OFFICER, community=None, street=community.street)
    colleague = UserFactory(role=Role.STREET_OFFICER, community=None, street=community.street)
    correction = CorrectionRequest(community=community, requested_by=requester)

    assert [s.name for s in CorrectionRequest.workflow.allowed(correction, requester)] == ["withdraw"]
    assert [s.name for s in CorrectionRequest.workflow.allowed(correction, colleague)] == ["approve", "reject"]
