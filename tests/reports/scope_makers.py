from reports.models import ReportRequest
from tests.factories.reports import ReportRequestFactory
from tests.scope.registry import SENTINEL, register


@register(ReportRequest)
def make_report(community):
    return ReportRequestFactory(community=community, node_name=f"{SENTINEL} report")
