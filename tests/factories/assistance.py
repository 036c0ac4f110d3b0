import datetime as dt

import factory

from assistance.models import AssistanceCase, CaseAssignment, HouseholdCase
from assistance.schedule import year_last_day
from stations.models import Household


class AssistanceCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistanceCase
        skip_postgeneration_save = True

    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    assigned_to = factory.SubFactory(
        "tests.factories.users.UserFactory", community=factory.SelfAttribute("..resident.community")
    )
    opened_by = factory.SelfAttribute("assigned_to")
    opened_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))
    year_ends_on = factory.LazyAttribute(lambda o: year_last_day(o.opened_on))

    @factory.post_generation
    def assignment(obj, create, extracted, **kwargs):
        if create:
            CaseAssignment.objects.create(
                case=obj, assigned_to=obj.assigned_to, assigned_by=obj.opened_by, assigned_on=obj.opened_on
            )


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    address = factory.Sequence(lambda n: f"和平小区{n}号")


class HouseholdCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdCase

    household = factory.SubFactory(HouseholdFactory, zero_employment_since=dt.date(2026, 1, 1))
    assigned_to = factory.SubFactory(
        "tests.factories.users.UserFactory", community=factory.SelfAttribute("..household.community")
    )
    opened_by = factory.SelfAttribute("assigned_to")
    flagged_on = factory.LazyAttribute(lambda o: o.household.zero_employment_since)
    opened_on = factory.LazyAttribute(lambda o: o.household.zero_employment_since)


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assistance.HelpRequest"

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    need = "find_work"
    name = "王秀兰"
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    note = "想找离家近的工作"
    text_consent = True
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=3))
