from entrepreneurship.models import Business, IncubationSpace, SubsidyApplication
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import BusinessFactory, IncubationSpaceFactory, SubsidyApplicationFactory
from tests.scope.registry import SENTINEL, register


@register(Business)
def make_business(community):
    founder = ResidentFactory(community=community, name=f"{SENTINEL} founder")
    return BusinessFactory(community=community, name=f"{SENTINEL} business", founders=[founder])


@register(SubsidyApplication)
def make_application(community):
    return SubsidyApplicationFactory(resident=ResidentFactory(community=community, name=f"{SENTINEL} applicant"))


@register(IncubationSpace)
def make_space(community):
    return IncubationSpaceFactory(community=community, name=f"{SENTINEL} space")
