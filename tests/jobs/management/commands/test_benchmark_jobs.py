import io

import pytest
from django.core.management import CommandError, call_command

from jobs.models import Posting
from tests.factories import ResidentFactory
from tests.factories.jobs import EmployerFactory

pytestmark = pytest.mark.django_db


def test_without_communities_an_employer_and_a_resident_the_benchmark_asks_for_the_demo():
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("benchmark_jobs", postings=3, repeat=1)


@pytest.mark.django_db(transaction=True)  # on PostgreSQL it runs VACUUM, which no transaction may hold
def test_the_benchmark_measures_and_removes_its_synthetic_postings(community):
    EmployerFactory(community=community)
    ResidentFactory(community=community)
    out = io.StringIO()

    call_command("benchmark_jobs", postings=5, repeat=1, stdout=out)

    assert "5 live postings" in out.getvalue() and "match one resident" in out.getvalue()
    assert "removed 5 synthetic postings" in out.getvalue()
    assert not Posting.objects.exists()
