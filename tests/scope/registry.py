"""Makers of out-of-scope objects for the route-walking scope test
(tests/scope/test_every_route.py).

The test walks every URL pattern under /staff/ and /api/v1/ and, for each role
(community staff, street officer, district bureau), asks for objects that sit
in "the other scope": a community in another street of another district. It
expects 404 (or 403 when the role lacks the rule), never a page, never a 5xx.

Every model that a staff URL or API route can address registers a maker in
`tests/<app>/scope_makers.py` (any `tests/*/scope_makers.py` is imported):

    from tests.scope.registry import SENTINEL, register

    @register(Posting)
    def make_posting(community):
        return PostingFactory(employer__community=community, title=f"{SENTINEL} posting")

The maker builds one object that belongs to `community` and returns it. Put
SENTINEL in a field that list pages and the API show (a name, a title): the
test also reads every list route and export as each role and fails when the
sentinel appears. A maker must not depend on objects made by another maker,
and every maker builds in the same community: let factories use sequences
for fields that must be unique there (a provider's name in its district).

How the test finds the model behind a URL kwarg:
- `pk` (or a DRF viewset's `lookup_url_kwarg` / `lookup_field`, or a Django
  view's `pk_url_kwarg` / `slug_url_kwarg`) is the view's model: the view
  class's `model`, its `queryset`, or the model of `get_queryset()` called as
  the city bureau;
- `<model_name>_pk` (for example `resident_pk`) names a model by its
  `_meta.model_name`;
- any other kwarg that addresses an object (an import batch's `token`, a
  station's `code`) is declared with `register_kwarg("token", ImportBatch,
  field="token")` next to the maker.
A route whose kwarg maps to no model, or to a model without a maker, fails
with a message naming the route. Kwargs that address no object at all (a
report's `year`) are listed in the test's small NON_OBJECT_KWARGS allowlist,
with the value the test uses and why.

The region models (District, Street, Community) need no maker: the test uses
the other scope's own district, street and community unless one is registered.

API views whose reads are public on purpose (region, station finder) use
`stations.apis.permissions.PublicReadStaffWrite` or set `scope_public_read =
True`: their GETs are only checked for server errors, their writes as usual.
"""

from collections.abc import Callable

SENTINEL = "OUTSIDE-SCOPE"

MAKERS: dict[type, Callable] = {}
# kwarg name -> (model, field the kwarg's value is read from)
KWARGS: dict[str, tuple[type, str]] = {}


def register(model):
    def decorator(func):
        existing = MAKERS.get(model)
        if existing is not None and existing.__qualname__ != func.__qualname__:
            raise RuntimeError(
                f"Two scope makers for {model._meta.label}: {existing.__module__}.{existing.__qualname__} "
                f"and {func.__module__}.{func.__qualname__}. Keep one."
            )
        MAKERS[model] = func
        return func

    return decorator


def register_kwarg(name: str, model, *, field: str = "pk") -> None:
    """Declare that the URL kwarg `name` addresses `model` by `field`."""
    KWARGS[name] = (model, field)


def make_all(community) -> tuple[dict, dict]:
    """Every registered maker run for `community`: ({model: object}, {model:
    traceback of a maker that failed}), each maker in its own savepoint."""
    import traceback

    from django.db import transaction

    objects, errors = {}, {}
    for model, maker in MAKERS.items():
        try:
            with transaction.atomic():
                objects[model] = maker(community)
        except Exception:
            errors[model] = traceback.format_exc()
    return objects, errors
