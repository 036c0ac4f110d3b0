import datetime as dt
import random

import factory

from stations.models import Household, ResidentTransferRequest, ServiceChannel, ServiceKind, ServiceRecord
from stations.models import Resident as ResidentModel
from stations.validators import id_check_char
from tests.factories.region import CommunityFactory

_rng = random.Random(20261126)


def valid_id_number(
    *, region: str = "370402", birth: dt.date | None = None, male: bool | None = None, serial: int | None = None
) -> str:
    birth = birth or dt.date(1980, 1, 1) + dt.timedelta(days=_rng.randrange(0, 365 * 25))
    serial = serial if serial is not None else _rng.randrange(0, 100)
    if male is None:
        male = bool(_rng.randrange(2))
    sex_digit = _rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{region}{birth:%Y%m%d}{serial:02d}{sex_digit}"
    return first17 + id_check_char(first17)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentModel
        skip_postgeneration_save = True

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    name = factory.Sequence(lambda n: f"居民{n}")
    id_number = factory.LazyFunction(valid_id_number)
    mobile = factory.Sequence(lambda n: f"139{n % 100000000:08d}")
    address = factory.Sequence(lambda n: f"幸福小区{n}号楼")
    education = "senior"
    employment_status = "unemployed"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.derive()
        obj.save()
        return obj

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.derive()
        return obj


class ServiceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRecord

    resident = factory.SubFactory(ResidentFactory)
    kind = ServiceKind.POLICY_CONTACT
    served_on = factory.LazyFunction(dt.date.today)
    staff = factory.SubFactory("tests.factories.users.UserFactory")
    channel = ServiceChannel.PHONE


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    address = factory.Sequence(lambda n: f"和谐小区{n}号楼")


class ResidentTransferRequestFactory(factory.django.DjangoModelFactory):
    """A pending request by another community of the same street for a record
    held by `resident.community`."""

    class Meta:
        model = ResidentTransferRequest

    resident = factory.SubFactory(ResidentFactory)
    from_community = factory.LazyAttribute(lambda o: o.resident.community)
    to_community = factory.LazyAttribute(lambda o: CommunityFactory(street=o.resident.community.street))
    requested_by = factory.SubFactory("tests.factories.users.UserFactory")
    note = "搬迁至本社区"


def registration_data(**overrides) -> dict:
    """What a registry form, the API or resident_register takes for a new person."""
    data = {
        "name": "张新",
        "id_number": valid_id_number(birth=dt.date(1990, 5, 1)),
        "mobile": "13905321234",
        "address": "光明路1号",
        "education": "senior",
    }
    data.update(overrides)
    return data
