"""Out-of-scope objects of training for the route-walking scope test."""

from stations.models import Role
from tests.factories.training import (
    CatalogueFactory,
    CourseFactory,
    EnrolmentFactory,
    JoinRequestFactory,
    ProviderFactory,
    TrainingClassFactory,
    TrainingNeedFactory,
)
from tests.factories.users import UserFactory
from tests.scope.registry import SENTINEL, register
from training.models import Catalogue, Course, Enrolment, JoinRequest, Provider, TrainingClass, TrainingNeed


def _district(community):
    return community.street.district


@register(Catalogue)
def make_catalogue(community):
    return CatalogueFactory(district=_district(community), title=f"{SENTINEL} catalogue", status="draft")


@register(Course)
def make_course(community):
    catalogue = CatalogueFactory(district=_district(community), status="draft", title="scope catalogue")
    return CourseFactory(catalogue=catalogue, name=f"{SENTINEL} course")


@register(Provider)
def make_provider(community):
    return ProviderFactory(district=_district(community), name=f"{SENTINEL} provider")


def _class(community, title):
    catalogue = CatalogueFactory(district=_district(community), title="scope catalogue", status="superseded")
    return TrainingClassFactory(
        course__catalogue=catalogue,
        provider=ProviderFactory(district=_district(community), name=f"scope provider for {title}"),
        community=community,
        title=title,
        created_by=UserFactory(role=Role.CITY_BUREAU, community=None),
    )


@register(TrainingClass)
def make_training_class(community):
    return _class(community, f"{SENTINEL} class")


@register(Enrolment)
def make_enrolment(community):
    from tests.factories.residents import ResidentFactory

    return EnrolmentFactory(
        resident=ResidentFactory(community=community, name=f"{SENTINEL}"),
        training_class=_class(community, "scope class for enrolment"),
        enrolled_by=UserFactory(role=Role.CITY_BUREAU, community=None),
    )


@register(TrainingNeed)
def make_training_need(community):
    from tests.factories.residents import ResidentFactory

    return TrainingNeedFactory(
        resident=ResidentFactory(community=community, name=f"{SENTINEL}"),
        occupation=f"{SENTINEL} trade",
        recorded_by=UserFactory(role=Role.CITY_BUREAU, community=None),
    )


@register(JoinRequest)
def make_join_request(community):
    return JoinRequestFactory(
        training_class=_class(community, "scope class for request"), community=community, name=f"{SENTINEL}"
    )
