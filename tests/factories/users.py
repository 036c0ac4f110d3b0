import factory

from stations.models import Role, User

TEST_PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"员工{n}")
    role = Role.COMMUNITY_STAFF
    community = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.COMMUNITY_STAFF),
        yes_declaration=factory.SubFactory("tests.factories.region.CommunityFactory"),
        no_declaration=None,
    )
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def staff_of_every_role(community, *, prefix: str) -> dict[str, User]:
    """One account of each role whose area holds `community`, keyed by role
    name, for the tests that walk the whole site as every role."""
    street = community.street
    return {
        "community_staff": UserFactory(username=f"{prefix}-cstaff", role=Role.COMMUNITY_STAFF, community=community),
        "street_officer": UserFactory(
            username=f"{prefix}-sofficer", role=Role.STREET_OFFICER, community=None, street=street
        ),
        "district_bureau": UserFactory(
            username=f"{prefix}-dbureau", role=Role.DISTRICT_BUREAU, community=None, district=street.district
        ),
        "city_bureau": UserFactory(username=f"{prefix}-cbureau", role=Role.CITY_BUREAU, community=None),
    }
