import factory

from stations.models import Community, CommunityHeadcount, District, Street


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"3704{50 + n % 50:02d}")
    name = factory.Sequence(lambda n: f"测试区{n}")


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Street

    district = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.district.code}{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"测试街道{n}")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    street = factory.SubFactory(StreetFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.street.code}{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"测试社区{n}")
    urban_population = 8000
    community_worker_count = 12
    latitude = "34.810000"
    longitude = "117.320000"


class CommunityHeadcountFactory(factory.django.DjangoModelFactory):
    """A dated figure as a bureau recorded it (without the service's syncing of
    the community's own fields: tests of reads only)."""

    class Meta:
        model = CommunityHeadcount

    community = factory.SubFactory(CommunityFactory)
    effective_from = factory.Faker("date_between", start_date="-2y", end_date="today")
    urban_population = 8000
    community_worker_count = 12


def home_and_far_communities() -> tuple[Community, Community]:
    """Two communities in different districts: the users' own and one outside
    every area of theirs, for the scope tests that walk the whole site."""
    home_district = DistrictFactory(code="370402", name="市中区")
    home_street = StreetFactory(district=home_district, code="370402001", name="中心街街道")
    home = CommunityFactory(street=home_street, code="370402001001", name="光明路社区")
    far_district = DistrictFactory(code="370481", name="滕州市")
    far_street = StreetFactory(district=far_district, code="370481001", name="荆河街道")
    far = CommunityFactory(street=far_street, code="370481001001", name="荆河社区")
    return home, far
