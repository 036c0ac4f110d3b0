"""Out-of-scope objects for the route-walking scope test."""

from assistance.models import AssistanceCase, HelpRequest, HouseholdCase
from stations.models import Household, Resident
from tests.factories.assistance import AssistanceCaseFactory, HelpRequestFactory, HouseholdCaseFactory, HouseholdFactory
from tests.factories.residents import ResidentFactory
from tests.scope.registry import MAKERS, SENTINEL, register


@register(AssistanceCase)
def make_assistance_case(community):
    return AssistanceCaseFactory(resident=ResidentFactory(community=community, name=f"{SENTINEL} case"))


@register(HouseholdCase)
def make_household_case(community):
    household = HouseholdFactory(
        community=community, address=f"{SENTINEL} household", zero_employment_since="2026-01-01"
    )
    return HouseholdCaseFactory(household=household)


# /staff/assistance/open/<resident_pk>/ and households/open/<household_pk>/
# address stations models; the registry owner's maker wins if it exists.
if Household not in MAKERS:

    @register(Household)
    def make_household(community):
        return HouseholdFactory(
            community=community, address=f"{SENTINEL} household", zero_employment_since="2026-01-01"
        )


if Resident not in MAKERS:

    @register(Resident)
    def make_resident(community):
        return ResidentFactory(community=community, name=f"{SENTINEL} resident")


@register(HelpRequest)
def make_help_request(community):
    return HelpRequestFactory(community=community, name=f"{SENTINEL} help")
