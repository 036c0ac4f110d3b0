import factory

from reports.models import ReportRequest, SatisfactionResponse


class SatisfactionResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SatisfactionResponse

    station = factory.SubFactory("tests.factories.stations.StationFactory")
    rating = 5


class ReportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRequest

    node_code = factory.LazyAttribute(lambda o: o.community.code if o.community else "city")
    node_name = factory.LazyAttribute(lambda o: o.community.name if o.community else "枣庄市")
    community = None
    street = factory.LazyAttribute(lambda o: o.community.street if o.community else None)
    district = factory.LazyAttribute(lambda o: o.community.street.district if o.community else None)
    period_label = "2026-10"
    period_start = "2026-10-01"
    period_end = "2026-10-31"
