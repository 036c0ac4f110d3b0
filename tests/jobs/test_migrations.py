"""The migration that added pay units and coded flags screens every posting
again and takes unlawful published ones off the public market, with a trace."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories.jobs import EmployerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _nodes():
    """The migration and the one before it, found by name so a renumbering at merge keeps the test."""
    graph = MigrationExecutor(connection).loader.graph
    node = next(n for n in graph.nodes if n[0] == "jobs" and n[1].endswith("_posting_pay_unit_and_screening_codes"))
    (parent,) = [p for p in graph.node_map[node].parents if p.key[0] == "jobs"]
    return parent.key, node


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def test_unlawful_published_postings_go_back_to_review_and_flags_become_codes(community):
    before, after = _nodes()
    employer = EmployerFactory(community=community)
    try:
        old = _migrate(before)
        Posting = old.get_model("jobs", "Posting")
        today = dt.date.today()

        def posting(title, status, **fields):
            values = {
                "employer_id": employer.pk,
                "community_id": community.pk,
                "title": title,
                "occupation_category": "retail",
                "salary_min": 3000,
                "salary_max": 3500,
                "work_pattern": "full_time",
                "valid_from": today,
                "valid_until": today + dt.timedelta(days=30),
                "contact_name": "王",
                "contact_phone": "13800000000",
                "status": status,
                "published_at": dt.datetime.now(dt.UTC) if status == "published" else None,
            }
            values.update(fields)
            return Posting.objects.create(**values)

        underpaid = posting(
            "店员",
            "published",
            salary_min=1000,
            salary_max=1200,
            review_note="已核实",
            screening_flags=[{"code": "below_minimum_wage", "reason": "The lower salary 1000 yuan/month is below"}],
        )
        hukou = posting("保洁员", "published", requirements="本地户口优先")
        lawful = posting("仓管员", "published")
        draft = posting("搬运工", "draft", requirements="限男性")

        new = _migrate(after)
        Posting = new.get_model("jobs", "Posting")
        AuditEntry = new.get_model("stations", "AuditEntry")
        rows = {p.pk: p for p in Posting.objects.all()}
        assert rows[underpaid.pk].status == "pending" and rows[underpaid.pk].screening_blocked
        assert rows[underpaid.pk].screening_flags == [
            {
                "code": "below_minimum_wage",
                "field": "salary_min",
                "params": {"salary": 1000, "minimum": 2100, "unit": "month", "basis": "monthly"},
            }
        ]
        assert rows[underpaid.pk].review_note == "已核实" and rows[underpaid.pk].salary_min == 1000
        assert rows[hukou.pk].status == "pending"
        assert rows[hukou.pk].screening_flags[0]["code"] == "household_registration"
        assert rows[lawful.pk].status == "published" and rows[lawful.pk].screening_flags == []
        assert rows[draft.pk].status == "draft" and rows[draft.pk].screening_blocked
        assert rows[underpaid.pk].pay_unit == "month"
        withdrawn = set(
            AuditEntry.objects.filter(changes__status=["published", "pending"]).values_list("object_id", flat=True)
        )
        assert withdrawn == {str(underpaid.pk), str(hukou.pk)}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
