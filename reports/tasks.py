from celery import shared_task

from reports import services
from stations.background import RETRY_POLICY, DurableTask


@shared_task(
    name="reports.tasks.build_report",
    base=DurableTask,
    record_failure_with="reports.services.report_build_failed",
    **RETRY_POLICY,
)
def build_report(report_id: int) -> int:
    """Build one asked-for or scheduled workbook; handed over by report_queue."""
    return services.report_build(report_id=report_id).pk


@shared_task(name="reports.tasks.build_monthly_reports", **RETRY_POLICY)
def build_monthly_reports() -> int:
    return len(services.monthly_reports_schedule())


@shared_task(name="reports.tasks.remind_period_close", **RETRY_POLICY)
def remind_period_close() -> int:
    return services.period_close_remind_late()


@shared_task(name="reports.tasks.warm_dashboard_trends", **RETRY_POLICY)
def warm_dashboard_trends() -> int:
    return services.dashboard_trends_warm()
