"""Server-drawn charts: well-formed SVG, labelled for assistive technology, every text escaped, nothing fetched."""

import xml.etree.ElementTree as ET

import pytest

from localwire.publishers.charts import Chart, bar_chart, line_chart, nice_ceiling, share_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quotes" \'too\''


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))  # raises on anything that is not well-formed XML


def _days(n: int, value=lambda i: i * 3):
    return [(f"2026-01-{i + 1:02d}" if i < 31 else f"day {i}", value(i)) for i in range(n)]


@pytest.mark.parametrize("draw", [bar_chart, line_chart])
@pytest.mark.parametrize("points", [_days(1), _days(30), _days(366), _days(10, lambda i: 0), []])
def test_day_charts_are_well_formed_and_labelled(draw, points):
    root = _parse(draw(Chart("chart-views", "Views per day", "12 views in March."), points, "views"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("viewBox") == "0 0 640 200" and root.get("width") is None  # scales with the page
    assert root.get("aria-labelledby") == "chart-views-title chart-views-desc"
    assert root.find(f"{SVG}title").get("id") == "chart-views-title"
    assert root.find(f"{SVG}title").text == "Views per day"
    assert root.find(f"{SVG}desc").get("id") == "chart-views-desc"
    marks = root.findall(f"{SVG}rect") if draw is bar_chart else root.findall(f"{SVG}circle")
    assert len(marks) == len(points)


def test_bar_heights_follow_the_figures_and_each_bar_says_its_figure():
    root = _parse(bar_chart(Chart("c", "Posts", "Posts per day."), [("2026-03-01", 2), ("2026-03-02", 4),
                                                                   ("2026-03-03", 0)], "articles"))
    bars = root.findall(f"{SVG}rect")
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[1] == pytest.approx(2 * heights[0]) and heights[2] == 0
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "2026-03-01: 2 articles", "2026-03-02: 4 articles", "2026-03-03: 0 articles"]
    assert "5" in [t.text for t in root.findall(f"{SVG}text")]  # the scale tops out at a round 5


def test_every_text_is_escaped():
    chart = Chart('x" onload="alert(1)', HOSTILE, HOSTILE)
    for markup in (bar_chart(chart, [(HOSTILE, 1)], HOSTILE), line_chart(chart, [(HOSTILE, 1)], HOSTILE),
                   share_chart(chart, [(HOSTILE, 5), ("Home", 0)], HOSTILE)):
        root = _parse(markup)
        assert root.find(f"{SVG}title").text == HOSTILE  # shown as text, never as markup
        assert root.get("onload") is None
        assert not list(root.iter(f"{SVG}script")) and "<script" not in str(markup)


def test_nothing_is_loaded_from_elsewhere_and_nothing_styled_inline():
    markup = str(share_chart(Chart("s", "Sources", "By source."), [("Home", 3), ("Search", 1)], "views"))
    root = _parse(markup)
    for element in root.iter():
        assert "style" not in element.attrib
        assert not any(name.endswith("href") for name in element.attrib)
    assert "url(" not in markup and "<image" not in markup and "<foreignObject" not in markup


def test_share_chart_names_each_source_with_figure_and_share():
    root = _parse(share_chart(Chart("s", "Sources", "By source."), [("Home", 3), ("Search", 1), ("Outside", 0)],
                              "views"))
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert texts == ["Home", "3 (75%)", "Search", "1 (25%)", "Outside", "0 (0%)"]


@pytest.mark.parametrize("value, ceiling", [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (500, 500), (501, 1000)])
def test_the_scale_tops_out_at_a_round_figure(value, ceiling):
    assert nice_ceiling(value) == ceiling
