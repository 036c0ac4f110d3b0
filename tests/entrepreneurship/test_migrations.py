"""The migration that made the startup subsidy once per person runs over data
that already breaks the rule, without failing and without changing it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _nodes():
    """The migration and the one before it, found by name so a renumbering at merge keeps the test."""
    graph = MigrationExecutor(connection).loader.graph
    node = next(n for n in graph.nodes if n[0] == "entrepreneurship" and n[1].endswith("_subsidy_once_per_person"))
    (parent,) = [p for p in graph.node_map[node].parents if p.key[0] == "entrepreneurship"]
    return parent.key, node


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def test_founder_paid_twice_is_marked_and_kept_as_it_was(community):
    before, after = _nodes()
    founder = ResidentFactory(community=community)
    other = ResidentFactory(community=community)
    staff = UserFactory(community=community)
    try:
        old = _migrate(before)
        Business = old.get_model("entrepreneurship", "Business")
        Application = old.get_model("entrepreneurship", "SubsidyApplication")

        def shop(n):
            return Business.objects.create(
                kind="individual_business",
                name=f"旧店{n}",
                credit_code=f"92370402MA{n:07d}X",
                registered_on=dt.date(2024, 1, 1),
                community_id=community.pk,
            )

        def paid(resident, business, on, amount):
            return Application.objects.create(
                kind="startup",
                status="paid",
                community_id=community.pk,
                resident_id=resident.pk,
                business_id=business.pk,
                requested_amount=Decimal(amount),
                approved_amount=Decimal(amount),
                paid_on=on,
                payment_reference=f"R{business.pk}",
                created_by_id=staff.pk,
            )

        # Filed second but paid first: the earlier payment keeps the slot.
        second_paid = paid(founder, shop(1), dt.date(2024, 6, 1), "2000")
        first_paid = paid(founder, shop(2), dt.date(2024, 3, 1), "12000")
        single = paid(other, shop(3), dt.date(2024, 3, 1), "2000")
        snapshot = list(Application.objects.order_by("pk").values("pk", "status", "approved_amount", "paid_on"))

        new = _migrate(after)
        Application = new.get_model("entrepreneurship", "SubsidyApplication")
        assert list(Application.objects.order_by("pk").values("pk", "status", "approved_amount", "paid_on")) == snapshot
        marked = set(Application.objects.filter(legacy_duplicate=True).values_list("pk", flat=True))
        assert marked == {second_paid.pk}
        assert first_paid.pk not in marked and single.pk not in marked
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _catalogue_nodes():
    graph = MigrationExecutor(connection).loader.graph
    node = next(n for n in graph.nodes if n[0] == "entrepreneurship" and n[1].endswith("_catalogue_kept_by_staff"))
    (parent,) = [p for p in graph.node_map[node].parents if p.key[0] == "entrepreneurship"]
    return parent.key, node


def test_published_catalogue_items_stay_published_and_the_rest_become_drafts(district):
    before, after = _catalogue_nodes()
    try:
        old = _migrate(before)
        Star = old.get_model("entrepreneurship", "StartupStar")
        shown = Star.objects.create(district_id=district.pk, name="孙丽", business_name="盆景", year=2024, story="…")
        hidden = Star.objects.create(
            district_id=district.pk, name="王强", business_name="面馆", year=2024, story="…", is_published=False
        )
        shown.is_published = True
        shown.save()

        new = _migrate(after)
        Star = new.get_model("entrepreneurship", "StartupStar")
        assert dict(Star.objects.values_list("pk", "state")) == {shown.pk: "published", hidden.pk: "draft"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
