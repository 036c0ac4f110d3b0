from celery import shared_task

from reports import services


@shared_task(name="reports.tasks.build_report", max_retries=2)
def build_report(report_id: int) -> int:
    return services.report_build(report_id=report_id).pk


@shared_task(name="reports.tasks.build_monthly_reports")
def build_monthly_reports() -> int:
    return len(services.monthly_reports_schedule())


@shared_task(name="reports.tasks.remind_period_close")
def remind_period_close() -> int:
    return services.period_close_remind_late()


@shared_task(name="reports.tasks.warm_dashboard_trends")
def warm_dashboard_trends() -> int:
    return services.dashboard_trends_warm()
