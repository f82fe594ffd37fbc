"""The chart component (issue 17): geometry, and that what it draws matches its numbers."""

from flask import render_template_string

from intranet import charts
from tests.charts_check import check_charts


def test_bar_chart_shares_one_scale_and_stacks_segments(app):
    chart = charts.bar_chart(
        "c", "Titel", ["A", "B"], [("Eins", [2, 3], 10, "2 von 10"), ("Zwei", [5, 0], 5, "")]
    )
    assert chart.scale == 10
    first, second = chart.rows
    assert [(s.x, s.width, s.value) for s in first.segments] == [(0.0, 20.0, 2), (20.0, 30.0, 3)]
    assert [(s.x, s.width) for s in second.segments] == [(0.0, 50.0), (50.0, 0.0)]


def test_empty_chart_and_zero_totals_do_not_divide_by_zero(app):
    assert charts.bar_chart("c", "T", ["A"], []).rows == ()
    assert charts.progress(0, 0).segments[0].width == 0.0


def test_progress_clamps_and_says_it_in_words(app):
    meter = charts.progress(7, 4)
    assert meter.segments[0].value == 4 and meter.segments[0].width == 100.0
    assert meter.text == "4 von 4 Schritten erledigt (100 %)"


def test_capacity_with_waiting_list(app):
    meter = charts.capacity(7, 10, 3)
    assert meter.text == "7 von 10 Plätzen belegt, 3 auf der Warteliste"
    assert [(s.label, s.value, s.width) for s in meter.segments] == [
        ("belegt", 7, 53.85),
        ("frei", 3, 23.08),
        ("Warteliste", 3, 23.08),
    ]
    assert charts.capacity(4, 4).text == "4 von 4 Plätzen belegt"


def test_macros_render_name_table_and_same_numbers(app):
    html = render_template_string(
        '{% from "_macros/charts.html" import bar_chart, meter %}'
        "{{ bar_chart(charts.bar_chart('t', 'Kenntnisnahme', ['ja', 'nein'], rows)) }}"
        "{{ meter(charts.capacity(7, 10, 3), 'Plätze') }}",
        rows=[("Amt 32", [4, 2], 6, "4 von 6"), ("Amt 33", [1, 5], 6, "1 von 6")],
    )
    assert check_charts(html) == 1
    assert 'aria-label="Plätze: 7 von 10 Plätzen belegt, 3 auf der Warteliste"' in html
    assert "style=" not in html


def test_check_charts_catches_a_table_that_disagrees(app):
    html = render_template_string(
        '{% from "_macros/charts.html" import bar_chart %}'
        "{% call bar_chart(charts.bar_chart('t', 'T', ['ja'], [('Amt 32', [4], 6, '')])) %}"
        "<table><tbody><tr><th>Amt 32</th><td>5</td></tr></tbody></table>{% endcall %}"
    )
    try:
        check_charts(html)
    except AssertionError:
        return
    raise AssertionError("check_charts accepted a table with other numbers")
