import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from partnerships.models import ExampleKind, ExamplePhoto, ExampleStatus, TypicalExample


def jpeg_bytes(size=(40, 30), color=(200, 60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return buffer.getvalue()


class TypicalExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TypicalExample

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    kind = ExampleKind.EMPLOYMENT_CASE
    title = factory.Sequence(lambda n: f"再就业故事{n}")
    person_name = factory.Sequence(lambda n: f"王师傅{n}")
    summary = "下岗后在驿站帮助下找到物业保洁工作。"
    story = "驿站工作人员上门走访，推荐岗位并陪同面试。"
    consent_on_file = True
    status = ExampleStatus.DRAFT
    created_by = factory.SubFactory(
        "tests.factories.users.UserFactory", role="community_staff", community=factory.SelfAttribute("..community")
    )

    class Params:
        published = factory.Trait(status=ExampleStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now))
        submitted = factory.Trait(status=ExampleStatus.SUBMITTED)


class ExamplePhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExamplePhoto

    example = factory.SubFactory(TypicalExampleFactory)
    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="photo.jpg"))
    caption = factory.Sequence(lambda n: f"照片{n}")
    width = 40
    height = 30
    position = factory.Sequence(lambda n: n)
