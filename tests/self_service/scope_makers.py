"""Out-of-scope residents' requests for the route-walking scope test."""

from self_service.models import ChangeRequest, DataRequest
from tests.factories import ResidentFactory
from tests.scope.registry import SENTINEL, register


@register(ChangeRequest)
def make_change_request(community):
    resident = ResidentFactory(community=community, name=f"{SENTINEL} change")
    return ChangeRequest.objects.create(resident=resident, changes={"address": ["", SENTINEL]})


@register(DataRequest)
def make_data_request(community):
    import datetime as dt

    resident = ResidentFactory(community=community, name=f"{SENTINEL} data")
    return DataRequest.objects.create(
        resident=resident, kind="correction", details=SENTINEL, due_on=dt.date(2026, 1, 1)
    )
