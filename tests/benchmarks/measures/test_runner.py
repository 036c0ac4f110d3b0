from django.contrib.sessions.models import Session

from benchmarks.measures import runner
from stations.models import AuditEntry, User
from tests.factories.jobs import PostingFactory
from tests.factories.residents import ResidentFactory


def test_default_run_measures_the_resident_list_export_and_the_dashboard():
    assert {"list_export", "dashboard"} <= set(runner.DEFAULT_FIGURES)
    assert set(runner.DEFAULT_FIGURES) <= set(runner.FIGURES)


def test_a_figure_run_stores_the_load_average_at_its_start_and_end_with_each_line(db, community):
    ResidentFactory(community=community, employment_status="unemployed", wanted_job_categories="保洁")
    PostingFactory(community=community)

    found, failure = runner.run_figure("matching", repeat=1)

    assert failure == ""
    (line,) = found
    assert len(line.load_average) == 2
    assert all(isinstance(load, float) and load >= 0 for load in line.load_average)


def test_a_page_figure_run_leaves_no_audit_entry_session_or_account_behind(db, community, community_staff):
    ResidentFactory.create_batch(3, community=community)
    PostingFactory(community=community, title="保洁员")
    counts = (AuditEntry.objects.count(), Session.objects.count(), User.objects.count())

    found, failure = runner.run_figure("pages", requests=10, budget_seconds=0)

    assert failure == ""
    assert found
    assert (AuditEntry.objects.count(), Session.objects.count(), User.objects.count()) == counts


def test_a_figure_that_breaks_becomes_one_failed_line_with_its_traceback(db, monkeypatch):
    def broken(**_options):
        raise RuntimeError("no data")

    monkeypatch.setitem(runner.FIGURES, "matching", broken)

    (line,), failure = runner.run_figure("matching")

    assert (line.met, line.note) == (False, "failed: RuntimeError: no data")
    assert "RuntimeError" in failure
    assert line.load_average is not None
