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
