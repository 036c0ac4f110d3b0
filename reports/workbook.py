"""Writes a progress workbook: a summary sheet (one row per child node and a
total; for a community, one per station), one sheet per area, and a
definitions sheet. openpyxl write-only mode keeps memory flat whatever the size."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from stations.excel import safe_cell

from .assemble import FigureTable
from .comparison import Comparison

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
TOTAL_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _formats(figure) -> str:
    return {"rate": '0.0"%"', "ratio": "0.0", "yuan": "#,##0.00"}.get(figure.kind, "#,##0")


CHANGE_FORMAT = '+0.0"%";-0.0"%";0.0"%"'


def _comparison_rows(ws, table: FigureTable, figures, comparison: Comparison) -> None:
    """Below the total: the total of the previous period (环比) and of the same
    period last year (同比), each with its percent change ("—" without a base)."""
    for base, label, change_label, change in (
        (comparison.previous, _("Previous period"), _("Change on previous period"), comparison.on_previous),
        (
            comparison.last_year,
            _("Same period last year"),
            _("Change on same period last year"),
            comparison.on_last_year,
        ),
    ):
        values = [WriteOnlyCell(ws, value=f"{label} ({base.period.label})")]
        percents = [WriteOnlyCell(ws, value=change_label)]
        for figure in figures:
            moved = change(figure, table.total)
            cell = WriteOnlyCell(ws, value=moved.then)
            cell.number_format = _formats(figure)
            values.append(cell)
            cell = WriteOnlyCell(ws, value="—" if moved.percent is None else moved.percent)
            cell.number_format = CHANGE_FORMAT
            percents.append(cell)
        ws.append(values)
        ws.append(percents)


# Two charts side by side, each about 15 x 7.5 cm (Excel's default size),
# anchored every 16 rows below the summary table.
CHART_COLUMNS = ("A", "G")
CHART_ROWS = 16


def _summary_charts(ws, table: FigureTable, figures, rows, first_free_row: int) -> None:
    """A native column chart per headline figure, one column per child row
    (district, street, community or station), drawn from the cells above so a
    bureau can copy it into its own report. A figure no child row holds (a
    community's figures that are not told apart per station) gets none."""
    if not rows:
        return
    placed = 0
    for index, figure in enumerate(figures):
        if not any(row.holds(figure.key) for row in rows):
            continue
        column = index + 2
        chart = BarChart()
        chart.type = "col"
        chart.title = f"{figure.label} · {table.period.label}"
        chart.legend = None
        chart.style = 10
        chart.add_data(Reference(ws, min_col=column, min_row=3, max_row=2 + len(rows)), titles_from_data=False)
        # The child names are text: a string reference, or Excel shows 1, 2, 3.
        names = Reference(ws, min_col=1, min_row=3, max_row=2 + len(rows))
        chart.series[0].cat = AxDataSource(strRef=StrRef(f=str(names)))
        chart.y_axis.numFmt = _formats(figure)
        chart.y_axis.majorGridlines = None
        # openpyxl 3.1 marks axes deleted by default; Excel then draws none.
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        anchor_row = first_free_row + (placed // len(CHART_COLUMNS)) * CHART_ROWS
        ws.add_chart(chart, f"{CHART_COLUMNS[placed % len(CHART_COLUMNS)]}{anchor_row}")
        placed += 1


def _sheet(
    wb,
    title: str,
    table: FigureTable,
    figures,
    *,
    first_header: str,
    comparison: Comparison | None = None,
    charts: bool = False,
):
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "B3"
    ws.column_dimensions["A"].width = 18
    for index in range(len(figures)):
        ws.column_dimensions[get_column_letter(index + 2)].width = 14
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:2"
    caption = WriteOnlyCell(ws, value=f"{table.node.name} · {title} · {_('period')} {table.period.label}")
    caption.font = HEADER_FONT
    ws.append([caption])
    header = []
    for text in [first_header, *[str(f.label) for f in figures]]:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        header.append(cell)
    ws.append(header)
    # A station row that holds none of the sheet's figures would be all blanks.
    rows = [row for row in table.rows if any(row.holds(f.key) for f in figures)]
    for row in [*rows, table.total]:
        is_total = row is table.total
        cells = [WriteOnlyCell(ws, value=safe_cell(_("Total") if is_total else row.label))]
        for figure in figures:
            if row.holds(figure.key):
                value = row.values.get(figure.key)
                if figure.kind == "count" and value is None:
                    value = 0
            else:
                value = None  # not told apart per station: blank, not zero
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = _formats(figure)
            cells.append(cell)
        if is_total:
            for cell in cells:
                cell.font = TOTAL_FONT
        ws.append(cells)
    if comparison is not None:
        _comparison_rows(ws, table, figures, comparison)
    if charts:
        # header rows, child rows, total, four comparison rows, a blank row
        used = 2 + len(rows) + 1 + (4 if comparison is not None else 0)
        _summary_charts(ws, table, figures, rows, used + 2)
    return ws


def _corrections_sheet(wb, table: FigureTable, labels: dict[str, str]) -> None:
    """The approved corrections of the period's closed months: which figure of
    which month moved, by which change, who asked and who approved."""
    ws = wb.create_sheet(title=_("Corrections")[:31])
    ws.freeze_panes = "A3"
    for letter, width in zip("ABCDEFGHIJK", (10, 16, 24, 10, 10, 24, 10, 14, 17, 14, 17), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append(
        [
            _(
                "A closed month changes only through a correction the street approved. Each line is a figure "
                "of a closed month that a correction changed; the other sheets include it."
            )
        ]
    )
    header = []
    for text in (
        _("Month"),
        _("Community"),
        _("Figure"),
        _("Before"),
        _("After"),
        pgettext("correction", "Change"),
        _("Request no."),
        _("Asked by"),
        _("Asked at"),
        _("Approved by"),
        _("Approved at"),
    ):
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        header.append(cell)
    ws.append(header)
    if not table.corrections:
        ws.append([_("No correction was approved for the closed months of this period.")])
    for line in table.corrections:
        ws.append(
            [
                line.month,
                safe_cell(line.community),
                labels.get(line.figure, line.figure),
                line.before,
                line.after,
                line.change,
                line.number,
                safe_cell(line.asked_by),
                line.asked_at,
                safe_cell(line.approved_by),
                line.approved_at,
            ]
        )


def write_workbook(table: FigureTable, *, comparison: Comparison | None = None) -> bytes:
    wb = Workbook(write_only=True)
    child = str(table.node.child_level_label)
    _sheet(wb, _("Summary"), table, table.headline(), first_header=child, comparison=comparison, charts=True)
    for source in table.sources:
        _sheet(wb, str(source.sheet), table, [f for f in source.figures if not f.hidden], first_header=child)
    labels = {f.key: str(f.label) for f in table.figures()}
    _corrections_sheet(wb, table, labels)
    if table.drift:
        ws = wb.create_sheet(title=_("Changed since close")[:31])
        ws.append(
            [
                _(
                    "These communities closed the month; the workbook shows their figures as closed, with the "
                    "approved corrections. The records now read otherwise for figures taken as the records stand "
                    "(stations, target groups, four clears...) or for people moved to another community since. "
                    "Not applied: for information."
                )
            ]
        )
        ws.append([_("Community"), _("Figure"), _("At close"), _("Now")])
        for c in table.drift:
            ws.append([safe_cell(c.community), labels.get(c.figure, c.figure), c.at_close, c.now])
    ws = wb.create_sheet(title=_("Definitions")[:31])
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 90
    # Three lines above the header, four with the note on station rows; the
    # panes are set before the first row, as write-only mode requires.
    ws.freeze_panes = "A6" if table.has_station_rows else "A5"
    generated = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    place = (
        settings.PORTAL_CITY_NAME if table.node.level == "city" else f"{settings.PORTAL_CITY_NAME} · {table.node.name}"
    )
    ws.append([f"{place} · {_('period')} {table.period.label}"])
    ws.append(
        [
            _("Period: %(start)s to %(end)s inclusive. Built %(when)s.")
            % {"start": table.period.start, "end": table.period.end, "when": generated}
        ]
    )
    ws.append([_("Rates are computed from the summed parts of each row, never by averaging rates.")])
    columns = [_("Sheet"), _("Figure"), _("How it is computed")]
    if table.has_station_rows:
        ws.column_dimensions["D"].width = 16
        columns.append(_("Station rows"))
        note = WriteOnlyCell(
            ws,
            value=_(
                "One row per station the community hosts, then the community's total. A station row shows only "
                "the figures marked per station below: the station counts and satisfaction, which the records "
                "tie to one station. The other figures exist only per community (residents, employers and the "
                "service log record no station) and appear in the total row, as in the street's workbook. "
                "A closed station is listed only when it has figures in the period; a closed month shows the "
                "station rows as they stood at closing."
            ),
        )
        ws.append([note])
    header = []
    for text in columns:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        header.append(cell)
    ws.append(header)
    for source in table.sources:
        for figure in source.figures:
            definition = str(figure.definition)
            if figure.target is not None:
                definition += " " + _("Target: %(target)s.") % {"target": figure.target}
            if figure.as_built:
                definition += " " + _(
                    "Taken from the records as they stand when the workbook is built; a closed month keeps the "
                    "value it had at closing."
                )
            cell = WriteOnlyCell(ws, value=safe_cell(definition))
            cell.alignment = WRAP
            cells = [str(source.sheet), str(figure.label), cell]
            if table.has_station_rows:
                cells.append(_("per station") if figure.per_station else _("community only"))
            ws.append(cells)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
