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
