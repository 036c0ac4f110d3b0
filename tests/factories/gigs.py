import datetime as dt

import factory
from django.utils import timezone

from jobs.models import Gig, GigAvailability, GigOffer


class GigFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gig

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    poster_name = "王女士"
    poster_phone = "13900000000"
    title = factory.Sequence(lambda n: f"家庭保洁{n}")
    kind = "cleaning"
    address = "幸福小区3号楼"
    date = factory.LazyFunction(timezone.localdate)
    start_time = dt.time(14, 0)
    end_time = dt.time(17, 0)
    places = 1
    pay = 30
    pay_unit = "hour"
    latitude = factory.LazyAttribute(lambda o: float(o.community.latitude) if o.community.latitude else None)
    longitude = factory.LazyAttribute(lambda o: float(o.community.longitude) if o.community.longitude else None)


class GigAvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GigAvailability

    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    kinds = factory.LazyFunction(lambda: ["cleaning"])
    weekdays = factory.LazyFunction(lambda: list(range(7)))
    max_km = 3
    registered_by = factory.SubFactory("tests.factories.users.UserFactory")


class GigOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GigOffer

    gig = factory.SubFactory(GigFactory)
    resident = factory.SubFactory(
        "tests.factories.residents.ResidentFactory", community=factory.SelfAttribute("..gig.community")
    )
