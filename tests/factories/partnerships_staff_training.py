import datetime as dt
from decimal import Decimal

import factory

from partnerships.models import StaffTrainingAttendance, StaffTrainingKind, StaffTrainingSession
from partnerships.services.staff_training import attendee_node


class StaffTrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffTrainingSession

    kind = StaffTrainingKind.ROTATION
    title = factory.Sequence(lambda n: f"驿站业务轮训第{n}期")
    district = None
    starts_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    hours = Decimal("8.0")
    place = "区人社局培训室"
    trainer = "张老师"
    created_by = factory.SubFactory("tests.factories.users.UserFactory", role="city_bureau", community=None)


class StaffTrainingAttendanceFactory(factory.django.DjangoModelFactory):
    """Copies the attendee's node the way the service does."""

    class Meta:
        model = StaffTrainingAttendance

    session = factory.SubFactory(StaffTrainingSessionFactory)
    attendee = factory.SubFactory("tests.factories.users.UserFactory")
    completed = True
    score = "合格"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        node = attendee_node(kwargs["attendee"])
        for key, value in node.items():
            kwargs.setdefault(key, value)
        return super()._create(model_class, *args, **kwargs)
