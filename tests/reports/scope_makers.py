from reports.models import CorrectionRequest, ReportRequest
from tests.factories.reports import ReportRequestFactory
from tests.scope.registry import SENTINEL, register


@register(ReportRequest)
def make_report(community):
    return ReportRequestFactory(community=community, node_name=f"{SENTINEL} report")


@register(CorrectionRequest)
def make_correction(community):
    from tests.factories.users import UserFactory

    return CorrectionRequest.objects.create(
        community=community,
        month="2026-10-01",
        operation="stations.services.residents.service_record_create",
        arguments={},
        reason=f"{SENTINEL} correction",
        requested_by=UserFactory(community=community),
    )
