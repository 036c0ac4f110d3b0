import re

from django.utils import translation

from reports.charts import line_svg

POINTS = [("2026-09", 3.0), ("2026-10", None), ("2026-11", 7.5)]


def test_a_chart_scales_to_its_container():
    svg = line_svg(POINTS)
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" width="100%"', svg)
    assert "height=" not in svg.split(">", 1)[0]


def test_a_chart_is_an_image_named_with_its_figures_in_words():
    with translation.override("en"):
        svg = line_svg(POINTS, percent=True, title="Placements")
    name = "Placements by month: 2026-09 3%; 2026-10 no data; 2026-11 7.5%"
    assert 'role="img"' in svg
    assert f'aria-label="{name}"' in svg
    assert f"<title>{name}</title>" in svg


def test_a_chart_name_escapes_the_title():
    assert "&lt;b&gt;" in line_svg(POINTS, title="<b>")


def test_no_chart_without_any_value():
    assert line_svg([("2026-10", None)]) == ""
