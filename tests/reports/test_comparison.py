import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from reports.assemble import build_table
from reports.comparison import build_comparison, percent_change
from reports.nodes import Node
from reports.periods import parse_period
from reports.services import workbook_bytes
from stations.figures import all_figures
from tests.factories.residents import ResidentFactory, ServiceRecordFactory


def test_percent_change_is_the_change_over_the_base():
    assert percent_change(15, 10) == 50.0
    assert percent_change(5, 10) == -50.0
    assert percent_change(1, 3) == -66.7


def test_there_is_no_percent_change_without_a_base():
    assert percent_change(5, 0) is None
    assert percent_change(5, None) is None
    assert percent_change(None, 5) is None


def _services(community, *days):
    resident = ResidentFactory(community=community)
    for day in days:
        ServiceRecordFactory(resident=resident, served_on=day)


def test_a_figure_is_compared_with_the_previous_month_and_the_same_month_last_year(community):
    _services(community, dt.date(2026, 10, 5), dt.date(2026, 10, 6), dt.date(2026, 10, 7))
    _services(community, dt.date(2026, 9, 5), dt.date(2026, 9, 6))
    _services(community, dt.date(2025, 10, 5))
    street = Node("street", community.street)
    comparison = build_comparison(street, parse_period("2026-10"))
    table = build_table(street, parse_period("2026-10"))
    figure = next(f for f in table.headline() if f.key == "services_given")
    row = next(r for r in table.rows if r.key == community.code)
    assert comparison.on_previous(figure, row).percent == 50.0
    assert comparison.on_last_year(figure, row).percent == 200.0
    assert comparison.on_previous(figure, table.total).then == 2


def test_the_dashboard_shows_both_changes(client, street_officer, community):
    _services(community, dt.date(2026, 10, 5), dt.date(2026, 10, 6))
    _services(community, dt.date(2026, 9, 5))
    client.force_login(street_officer)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})
    services = next(s for s in response.context["series"] if s["figure"].key == "services_given")
    assert (services["previous"].percent, services["last_year"].percent) == (100.0, None)
    page = response.content.decode()
    assert "vs previous period +100%" in page and "vs same period last year —" in page


def test_the_bulletin_shows_both_changes_per_row(client, street_officer, community):
    _services(community, dt.date(2026, 10, 5))
    _services(community, dt.date(2026, 9, 5), dt.date(2026, 9, 6))
    client.force_login(street_officer)
    response = client.get(reverse("reports:bulletin"), {"node": community.street.code, "period": "2026-10"})
    ranking = next(r for r in response.context["rankings"] if r["figure"].key == "services_given")
    _item, previous, last_year = next(row for row in ranking["rows"] if row[0].row.key == community.code)
    assert (previous.percent, last_year.percent) == (-50.0, None)


def test_the_workbook_summary_compares_the_total_with_both_periods(community):
    _services(community, dt.date(2026, 10, 5), dt.date(2026, 10, 6))
    _services(community, dt.date(2026, 9, 5))
    book = load_workbook(io.BytesIO(workbook_bytes(node_code=community.street.code, period_text="2026-10")))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    column = list(rows[1]).index(str(next(f.label for f in _headline() if f.key == "services_given")))
    by_label = {row[0]: row for row in rows[2:] if row and row[0]}
    previous = next(label for label in by_label if str(label).endswith("(2026-09)"))
    assert by_label[previous][column] == 1
    changes = [row for label, row in by_label.items() if label in ("环比增减", "Change on previous period")]
    assert changes[0][column] == 100.0
    last_year = [row for label, row in by_label.items() if label in ("同比增减", "Change on same period last year")]
    assert last_year[0][column] == "—"


def _headline():
    return [f for f in all_figures() if f.headline]
