import datetime as dt
from decimal import Decimal

import factory

from partnerships.models import (
    CooperativeMember,
    LabourOrganisation,
    LabourProject,
    OrganisationKind,
    ProjectKind,
    ProjectPlacement,
)
from partnerships.services.cooperatives.organisations import labour_organisation_save
from partnerships.services.cooperatives.projects import labour_project_save

from .residents import ResidentFactory, valid_id_number


class LabourOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabourOrganisation

    kind = OrganisationKind.LABOUR_COOPERATIVE
    name = factory.Sequence(lambda n: f"劳务合作社{n}")
    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    founded_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=400))
    offers_outsourcing = True


class CooperativeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperativeMember

    organisation = factory.SubFactory(LabourOrganisationFactory)
    resident = factory.SubFactory(
        "tests.factories.residents.ResidentFactory", community=factory.SelfAttribute("..organisation.community")
    )
    joined_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=200))
    skills = "保洁"


class LabourProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabourProject

    organisation = factory.SubFactory(LabourOrganisationFactory)
    kind = ProjectKind.GREEN_CLEANING
    title = factory.Sequence(lambda n: f"绿地保洁项目{n}")
    client = "街道办事处"
    starts_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=335))
    value = Decimal("120000.00")
    posts = 5


class ProjectPlacementFactory(factory.django.DjangoModelFactory):
    """A placement row only (no status change): use the service where the
    employment history matters."""

    class Meta:
        model = ProjectPlacement

    project = factory.SubFactory(LabourProjectFactory)
    resident = factory.SubFactory(
        "tests.factories.residents.ResidentFactory",
        community=factory.SelfAttribute("..project.organisation.community"),
    )
    started_on = factory.LazyAttribute(lambda o: o.project.starts_on)
    recorded_by = factory.SubFactory("tests.factories.users.UserFactory")


def resident_aged(community, years: int, *, male: bool = True, **kwargs):
    """A resident of `community` who is `years` old (a man of 55 or more is an
    older worker, 大龄, by the plan's rule)."""
    today = dt.date.today()
    birth = today.replace(year=today.year - years, day=1)
    return ResidentFactory(community=community, id_number=valid_id_number(birth=birth, male=male), **kwargs)


def cleaning_project_through_the_services(actor, community, *, founded_on, starts_on, ends_on):
    """A labour cooperative and its three-post cleaning project, saved as staff
    save them (the issue's journey)."""
    cooperative = labour_organisation_save(
        actor=actor,
        organisation=LabourOrganisation(
            kind="labour_cooperative", name="光明路劳务合作社", community=community, founded_on=founded_on
        ),
    )
    return labour_project_save(
        actor=actor,
        project=LabourProject(
            organisation=cooperative,
            kind=ProjectKind.GREEN_CLEANING,
            title="光明路绿地保洁",
            client="中心街街道办事处",
            starts_on=starts_on,
            ends_on=ends_on,
            value=Decimal("96000"),
            posts=3,
        ),
    )
