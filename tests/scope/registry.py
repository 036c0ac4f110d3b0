"""Makers of out-of-scope objects for the route-walking scope test.

Every scoped model that a staff URL or API route can address registers a
maker here, in `tests/<app>/scope_makers.py`:

    from tests.scope.registry import register

    @register(Posting)
    def make_posting(community):
        return PostingFactory(employer__community=community, title="OUTSIDE-SCOPE")

The maker builds one object that belongs to `community` (which the scope test
places outside the requesting user's node). The test then finds, for every
URL kwarg, the model it names: `pk` is the view's model (`view_class.model`,
or its queryset's model, or a DRF viewset's queryset), and `<model>_pk` (for
example `resident_pk`) names a model by its `_meta.model_name`. A route whose
object the test cannot make fails the test with a message naming what to
register.
"""

from collections.abc import Callable

MAKERS: dict[type, Callable] = {}


def register(model):
    def decorator(func):
        MAKERS[model] = func
        return func

    return decorator
