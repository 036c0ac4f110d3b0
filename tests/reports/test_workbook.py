"""Workbook figures against independent counts of the same factory-made records."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from reports.assemble import build_table
from reports.nodes import parse_node
from reports.periods import parse_period
from reports.services import workbook_bytes
from stations.figures import all_figures
from stations.models import UnemploymentRegistration
from tests.factories import CommunityFactory, ResidentFactory, StationFactory, StreetFactory
from tests.factories.reports import SatisfactionResponseFactory

pytestmark = pytest.mark.django_db

# Factory records are created today, so a whole-year period holds them all.
PERIOD = "2026"


def _register_unemployed(resident, on):
    UnemploymentRegistration.objects.create(resident=resident, registered_on=on)


@pytest.fixture
def city(community, sibling_community, other_community, far_community):
    """Residents, registrations, stations and ratings with known counts."""
    october = dt.date(2026, 10, 15)
    for c, n in ((community, 3), (sibling_community, 2), (other_community, 1), (far_community, 4)):
        for i in range(n):
            resident = ResidentFactory(community=c)
            if i == 0:
                _register_unemployed(resident, october)
        station = StationFactory(community=c)
        SatisfactionResponseFactory(station=station, rating=5)
        SatisfactionResponseFactory(station=station, rating=2)
    return {"district": community.street.district, "far_district": far_community.street.district}


def test_city_summary_has_a_row_per_district_matching_hand_counts(city):
    table = build_table(parse_node("city"), parse_period(PERIOD))
    rows = {row.key: row.values for row in table.rows}
    assert rows["370402"]["residents_registered"] == 6
    assert rows["370481"]["residents_registered"] == 4
    assert rows["370402"]["unemployed_registered"] == 3
    assert rows["370402"]["unemployment_registrations_opened"] == 3
    assert table.total.values["residents_registered"] == 10
    assert table.total.values["stations_open"] == 4


def test_rates_are_computed_from_summed_parts(city):
    table = build_table(parse_node("city"), parse_period(PERIOD))
    assert table.total.values["satisfaction_responses"] == 8
    assert table.total.values["satisfaction_rate"] == 50.0
    assert table.total.values["satisfaction_average"] == 3.5


def test_district_workbook_has_a_row_per_street(city, community):
    table = build_table(parse_node(community.street.district.code), parse_period(PERIOD))
    assert [row.key for row in table.rows] == ["370402001", "370402002"]
    assert {row.key: row.values["residents_registered"] for row in table.rows} == {"370402001": 5, "370402002": 1}


def test_registrations_outside_the_period_are_not_counted(community):
    resident = ResidentFactory(community=community)
    _register_unemployed(resident, dt.date(2026, 11, 2))
    table = build_table(parse_node("city"), parse_period("2026-10"))
    assert table.total.values.get("unemployment_registrations_opened", 0) == 0


def test_query_count_does_not_grow_with_the_number_of_communities(city, street):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            build_table(parse_node("city"), parse_period(PERIOD))
        return len(ctx.captured_queries)

    before = count()
    for i in range(5):
        c = CommunityFactory(street=StreetFactory(district=street.district), code=f"370402009{i:03d}")
        ResidentFactory(community=c)
        StationFactory(community=c)
    assert count() == before


def test_building_twice_gives_identical_figures(city):
    first = build_table(parse_node("city"), parse_period(PERIOD))
    second = build_table(parse_node("city"), parse_period(PERIOD))
    assert [r.values for r in first.rows] == [r.values for r in second.rows]


def test_workbook_file_has_summary_area_sheets_and_definitions(city):
    wb = load_workbook(io.BytesIO(workbook_bytes(node_code="city", period_text=PERIOD)))
    assert len(wb.sheetnames) >= 9
    summary = wb[wb.sheetnames[0]]
    assert summary.freeze_panes == "B3"
    header = [c.value for c in summary[2]]
    assert header[0] in ("District", "区（市）", "区/市", "区")
    names = [summary.cell(row=r, column=1).value for r in range(3, 10)]
    assert names[:6] == ["市中区", "滕州市"][:1] + names[1:6]
    assert summary.cell(row=3, column=1).value == "市中区"
    last = wb[wb.sheetnames[-1]]
    assert last.cell(row=5, column=3).value  # a definition text


def test_aggregated_sheets_hold_no_personal_data(city, community):
    person = ResidentFactory(community=community, name="唯一姓名测试")
    content = workbook_bytes(node_code="city", period_text=PERIOD)
    wb = load_workbook(io.BytesIO(content))
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    assert person.name not in text
    assert person.id_number not in text


def test_closed_month_keeps_its_figures_and_shows_what_the_records_say_since(community_staff, community):
    from django.utils import timezone

    from reports.models import PeriodClose
    from reports.periods import previous_month
    from reports.services import period_close_submit
    from stations.models import Resident

    month = previous_month(timezone.localdate())
    ResidentFactory(community=community, registered_on=month.start)
    period_close_submit(actor=community_staff, community=community, month=month.start)
    assert PeriodClose.objects.get().figures["residents_registered"] == 1
    # Written behind the services' back (as a record moved here from another
    # community would be): shown as drift, never applied.
    late = ResidentFactory(community=community)
    Resident.objects.filter(pk=late.pk).update(registered_on=month.start)
    table = build_table(parse_node(community.code), month)
    assert table.total.values["residents_registered"] == 1
    assert [(d.figure, d.at_close, d.now) for d in table.drift if d.figure == "residents_registered"] == [
        ("residents_registered", 1, 2)
    ]
    assert table.corrections == []


def test_residents_count_from_their_registration_date_not_from_when_they_were_typed_in(community):
    from django.utils import timezone

    from reports.periods import previous_month

    month = previous_month(timezone.localdate())
    ResidentFactory(community=community, registered_on=month.start - dt.timedelta(days=90))
    ResidentFactory(community=community, registered_on=month.end)
    ResidentFactory(community=community)  # registered today, after the month
    values = build_table(parse_node(community.code), month).total.values
    assert (values["residents_registered"], values["residents_new"]) == (2, 1)


def test_subsidies_paid_count_in_the_month_of_their_payment_date(community):
    from decimal import Decimal

    from django.utils import timezone

    from entrepreneurship.models import ApplicationStatus
    from reports.periods import previous_month
    from tests.factories.entrepreneurship import SubsidyApplicationFactory

    month = previous_month(timezone.localdate())
    SubsidyApplicationFactory(
        resident=ResidentFactory(community=community),
        status=ApplicationStatus.PAID,
        approved_amount=Decimal("2000"),
        paid_on=month.start,
        payment_reference="FK-1",
    )
    values = build_table(parse_node(community.code), month).total.values
    assert (values["subsidies_paid"], values["subsidies_paid_yuan"]) == (1, 2000)


def test_no_figure_counts_from_when_a_row_was_typed_in():
    """A dated figure counts from the date of its event. created_at is the
    time a row was typed in; only a survey rating's is its event (it is given
    online and cannot be entered later)."""
    import inspect

    from stations.figures import sources

    allowed = {"satisfaction"}
    offenders = [s.key for s in sources() if s.key not in allowed and "created_at" in inspect.getsource(s.compute)]
    assert offenders == []


def test_every_figure_is_either_dated_or_marked_as_taken_when_the_workbook_is_built():
    from stations.figures import all_figures

    as_built = {f.key for f in all_figures() if f.as_built}
    assert {"stations_open", "employers", "four_clears_complete", "group_veteran"} <= as_built
    assert not {"residents_registered", "services_given", "placements", "subsidies_paid"} & as_built


def test_the_definitions_sheet_says_which_figures_are_taken_as_the_records_stand(city):
    from django.utils import translation

    with translation.override("en"):
        wb = load_workbook(io.BytesIO(workbook_bytes(node_code="city", period_text=PERIOD)))
    definitions = {row[1]: row[2] for row in wb["Definitions"].iter_rows(min_row=5, values_only=True) if row[1]}
    assert "as they stand when the workbook is built" in definitions["Stations open"]
    assert "as they stand" not in definitions["Services given"]


def test_every_workbook_has_a_corrections_sheet(city):
    from django.utils import translation

    with translation.override("en"):
        wb = load_workbook(io.BytesIO(workbook_bytes(node_code="city", period_text=PERIOD)))
    assert "Corrections" in wb.sheetnames


def test_a_month_cannot_be_closed_twice(community_staff, community):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from reports.periods import previous_month
    from reports.services import period_close_submit

    month = previous_month(timezone.localdate())
    period_close_submit(actor=community_staff, community=community, month=month.start)
    with pytest.raises(ValidationError):
        period_close_submit(actor=community_staff, community=community, month=month.start)


def test_late_communities_are_reminded_once(community_staff, community, sibling_community):
    from reports.services import period_close_remind_late
    from stations.models import Notification

    assert period_close_remind_late(today=dt.date(2026, 11, 6)) == 1
    assert period_close_remind_late(today=dt.date(2026, 11, 6)) == 0
    assert Notification.objects.get().recipient == community_staff


def _summary(node_code):
    with translation.override("en"):
        return load_workbook(io.BytesIO(workbook_bytes(node_code=node_code, period_text=PERIOD))).worksheets[0]


def _headline_labels():
    return [str(f.label) for f in all_figures() if f.headline]


def test_the_summary_sheet_has_a_native_chart_per_headline_figure(community, sibling_community):
    summary = _summary(community.street.code)
    with translation.override("en"):
        labels = _headline_labels()
    titles = ["".join(run.t for p in chart.title.tx.rich.p for run in p.r) for chart in summary._charts]
    assert titles == [f"{label} · {PERIOD}" for label in labels]


def test_a_summary_chart_draws_the_child_rows_of_its_figures_column(community, sibling_community):
    summary = _summary(community.street.code)
    series = summary._charts[0].series[0]
    # two communities in rows 3-4, the first headline figure in column B; their names as text
    assert series.val.numRef.f == "'Summary'!$B$3:$B$4"
    assert series.cat.strRef.f == "'Summary'!$A$3:$A$4"


def test_a_summary_chart_sits_below_the_table(community, sibling_community):
    summary = _summary(community.street.code)
    # header 2 rows, 2 communities, total, 4 comparison rows: the charts start after row 9
    assert min(chart.anchor._from.row for chart in summary._charts) >= 9


def test_a_communitys_summary_charts_only_the_figures_its_station_rows_hold(community):
    StationFactory(community=community)
    summary = _summary(community.code)
    per_station = [f for f in all_figures() if f.headline and f.per_station]
    assert len(summary._charts) == len(per_station) > 0
