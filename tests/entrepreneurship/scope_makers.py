from entrepreneurship.models import (
    Business,
    GuaranteeLoan,
    IncubationSpace,
    StartupEvent,
    StartupProject,
    StartupStar,
    SubsidyApplication,
)
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import (
    BusinessFactory,
    GuaranteeLoanFactory,
    IncubationSpaceFactory,
    StartupEventFactory,
    StartupProjectFactory,
    StartupStarFactory,
    SubsidyApplicationFactory,
)
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


@register(GuaranteeLoan)
def make_loan(community):
    return GuaranteeLoanFactory(resident=ResidentFactory(community=community, name=f"{SENTINEL} borrower"))


@register(StartupProject)
def make_project(community):
    return StartupProjectFactory(district=community.street.district, community=community, title=f"{SENTINEL} project")


@register(StartupStar)
def make_star(community):
    return StartupStarFactory(district=community.street.district, community=community, name=f"{SENTINEL} star")


@register(StartupEvent)
def make_event(community):
    return StartupEventFactory(district=community.street.district, community=community, title=f"{SENTINEL} event")
