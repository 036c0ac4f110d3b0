"""Background jobs of reports, run in-process."""

from reports.models import ReportRequest
from reports.tasks import build_monthly_reports


def test_the_monthly_job_queues_last_months_city_workbook_once(db):
    assert (build_monthly_reports(), build_monthly_reports()) == (1, 0)
    assert ReportRequest.objects.get().node_code == "city"
