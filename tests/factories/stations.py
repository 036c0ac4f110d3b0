import factory

from stations.models import RelatedSite, SiteKind, Station


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    name = factory.Sequence(lambda n: f"测试就业驿站{n}")
    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    address = factory.Sequence(lambda n: f"测试路{n}号")
    opening_hours = "周一至周五 8:30-17:30"
    phone = "0632-3311234"
    latitude = "34.810000"
    longitude = "117.320000"


class RelatedSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedSite

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    kind = SiteKind.MICRO_FACTORY
    name = factory.Sequence(lambda n: f"测试微工厂{n}")
