"""Scope makers: examples."""

from partnerships.models import ExamplePhoto, TypicalExample
from tests.factories.partnerships_examples import ExamplePhotoFactory, TypicalExampleFactory
from tests.scope.registry import SENTINEL, register


@register(TypicalExample)
def make_example(community):
    return TypicalExampleFactory(community=community, title=f"{SENTINEL} example", person_name=f"{SENTINEL} name")


@register(ExamplePhoto)
def make_example_photo(community):
    return ExamplePhotoFactory(
        example=TypicalExampleFactory(community=community, title=f"{SENTINEL} photo example"),
        caption=f"{SENTINEL} photo",
    )
