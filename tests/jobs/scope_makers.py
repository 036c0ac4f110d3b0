"""Out-of-scope objects of the job market for the route-walking scope test."""

from jobs.models import (
    Employer,
    EmployerImportBatch,
    FairSignUp,
    Gig,
    GigAvailability,
    GigOffer,
    JobAlert,
    JobFair,
    LabourSurvey,
    Posting,
    Recommendation,
)
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory
from tests.factories.jobs import (
    EmployerFactory,
    FairSignUpFactory,
    JobAlertFactory,
    JobFairFactory,
    LabourSurveyFactory,
    PostingFactory,
    RecommendationFactory,
)
from tests.factories.residents import ResidentFactory
from tests.factories.users import UserFactory
from tests.scope.registry import SENTINEL, register


@register(Employer)
def make_employer(community):
    return EmployerFactory(community=community, name=f"{SENTINEL} employer")


@register(EmployerImportBatch)
def make_employer_import_batch(community):
    from stations.models import Role
    from tests.factories.imports import EmployerImportBatchFactory

    owner = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    return EmployerImportBatchFactory(created_by=owner, filename=f"{SENTINEL}.xlsx")


@register(LabourSurvey)
def make_survey(community):
    return LabourSurveyFactory(employer=EmployerFactory(community=community, name=f"{SENTINEL} employer"))


@register(Posting)
def make_posting(community):
    return PostingFactory(employer__community=community, community=community, title=f"{SENTINEL} posting")


@register(JobFair)
def make_fair(community):
    return JobFairFactory(community=community, title=f"{SENTINEL} fair")


@register(FairSignUp)
def make_signup(community):
    return FairSignUpFactory(fair=JobFairFactory(community=community, title=f"{SENTINEL} fair"), name=SENTINEL)


@register(Recommendation)
def make_recommendation(community):
    resident = ResidentFactory(community=community, name=f"{SENTINEL} resident")
    posting = PostingFactory(employer__community=community, community=community, title=f"{SENTINEL} posting")
    return RecommendationFactory(resident=resident, posting=posting, note=SENTINEL)


@register(JobAlert)
def make_alert(community):
    return JobAlertFactory(resident=ResidentFactory(community=community, name=f"{SENTINEL} resident"))


@register(Gig)
def make_gig(community):
    return GigFactory(community=community, title=f"{SENTINEL} odd job")


@register(GigOffer)
def make_gig_offer(community):
    gig = GigFactory(community=community, title=f"{SENTINEL} odd job")
    return GigOfferFactory(gig=gig, resident=ResidentFactory(community=community, name=f"{SENTINEL} resident"))


@register(GigAvailability)
def make_gig_availability(community):
    return GigAvailabilityFactory(resident=ResidentFactory(community=community, name=f"{SENTINEL} resident"))
