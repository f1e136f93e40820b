"""Task 8: the self-contained HTML dashboard, its charts and its numbers, from the command line."""

import base64
import io
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from segmentation.__main__ import BAD_INPUT, OK, main
from segmentation.naming import SEGMENT_NAMES
from segmentation.pipeline import segment_log
from segmentation.report import (
    CHARTS,
    DPI,
    FIGURE_SIZE,
    HTML_FILE,
    LEGEND_MARKER_SCALE,
    PNG_DATA_PREFIX,
    POINT_ALPHA,
    POINT_SIZE,
    SEGMENTS_FILE,
    draw_charts,
    png_data_uri,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MIN_CHART_PIXELS = 200  # each side of a chart, at least
DISPLAY_TOLERANCE = 0.006  # the page shows means with two decimals
SMALL_LOG_CUSTOMERS = 60
SMALL_K = 3
REPORT_SEED = 5  # neither 0 nor the default
LINKING_ATTRIBUTES = ("src", "href", "data", "srcset", "poster")


class PageReader(HTMLParser):
    """Collect the cells of every <table> of a page by the table's id, its images and links."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[str] = []
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.links += [
            (tag, name, value or "") for name, value in attrs if name in LINKING_ATTRIBUTES
        ]
        if tag == "table":
            self._table = self.tables.setdefault(attributes.get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "img":
            self.images.append(attributes.get("src", ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_page(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def profile_table(reader: PageReader) -> pd.DataFrame:
    rows = reader.tables.get("profiles")
    assert rows, 'Task 8: the page should hold the profile table, <table id="profiles">'
    return pd.DataFrame(rows[1:], columns=rows[0])


def png_size(uri: str) -> tuple[int, int]:
    """The (width, height) of the PNG image in a data: URI; fails the test if it is not one."""
    assert uri.startswith(PNG_DATA_PREFIX), (
        f"Task 8: an image of the page should be a data URI beginning {PNG_DATA_PREFIX!r}; "
        f"got {uri[:60]!r}"
    )
    data = base64.b64decode(uri[len(PNG_DATA_PREFIX) :], validate=True)
    assert data[: len(PNG_MAGIC)] == PNG_MAGIC, "Task 8: the data URI does not hold a PNG image"
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def write_small_log(path: Path, customers: int = SMALL_LOG_CUSTOMERS) -> Path:
    rng = np.random.default_rng(0)
    lines = []
    for customer in range(1, customers + 1):
        for _ in range(rng.integers(1, 6)):
            day = pd.Timestamp("1997-01-01") + pd.Timedelta(days=int(rng.integers(0, 540)))
            lines.append(f"{customer:05d} {day:%Y%m%d} 1 {rng.gamma(2.0, 15.0):.2f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def cdnow_report(tmp_path_factory):
    """Your report of the CDNOW log (the default log), made the way a user would: main(argv)."""
    outdir = tmp_path_factory.mktemp("report") / "cdnow"
    status = main([str(outdir)])
    return outdir, status


CHART_PROFILES = pd.DataFrame(
    {"name": ["champions", "hibernating", "at risk"], "customers": [2, 3, 1]},
    index=pd.RangeIndex(3, name="segment"),
)
CHART_LABELS = np.array([1, 0, 1, 2, 0, 1])
CHART_PROJECTION = np.arange(12, dtype=np.float64).reshape(6, 2)


@pytest.mark.task(8)
def test_draw_charts_draws_a_scatter_and_the_sizes():
    charts = draw_charts(CHART_PROJECTION, CHART_LABELS, CHART_PROFILES, np.array([0.61, 0.27]))
    assert set(charts) == {"scatter", "sizes"} and all(
        isinstance(chart, Figure) for chart in charts.values()
    ), f"Task 8: expected {{'scatter': Figure, 'sizes': Figure}}, got {charts!r}"
    scatter = charts["scatter"].axes[0]
    points = [collection.get_offsets().tolist() for collection in scatter.collections]
    expected = [CHART_PROJECTION[np.equal(CHART_LABELS, segment)].tolist() for segment in range(3)]
    assert points == expected, (
        "Task 8: the scatter should hold one set of points per segment, in segment order, each "
        f"with its customers' coordinates: expected {expected}, got {points}"
    )
    looks = [(list(c.get_sizes()), c.get_alpha()) for c in scatter.collections]
    assert looks == [([POINT_SIZE], POINT_ALPHA)] * 3, (
        f"Task 8: the scatter's points should be of size POINT_SIZE ({POINT_SIZE}) and opacity "
        f"POINT_ALPHA ({POINT_ALPHA}), so that 23,570 customers do not hide each other; got "
        f"(sizes, alpha) {looks}"
    )
    legend = scatter.get_legend()
    shown = [text.get_text() for text in legend.get_texts()] if legend else []
    assert legend is not None and legend.markerscale == LEGEND_MARKER_SCALE, (
        f"Task 8: the legend's markers should be LEGEND_MARKER_SCALE ({LEGEND_MARKER_SCALE}) "
        "times the tiny points, to be seen: ax.legend(markerscale=...)"
    )
    assert shown == list(CHART_PROFILES["name"]), (
        f"Task 8: the scatter's legend should name the segments {list(CHART_PROFILES['name'])}; "
        f"got {shown}"
    )
    axis_titles = scatter.get_xlabel() + " " + scatter.get_ylabel()
    assert "61%" in axis_titles and "27%" in axis_titles, (
        "Task 8: the scatter's axes should say each component's share of the variance (61% and "
        f"27% here); they read {axis_titles!r}"
    )
    inches = [tuple(chart.get_size_inches()) for chart in charts.values()]
    assert inches == [FIGURE_SIZE, FIGURE_SIZE], (
        f"Task 8: both charts should be FIGURE_SIZE {FIGURE_SIZE} inches; got {inches}"
    )
    sizes = charts["sizes"].axes[0]
    bars = {
        label.get_text(): patch.get_width()
        for label, patch in zip(sizes.get_yticklabels(), sizes.patches, strict=False)
    }
    expected_bars = dict(zip(CHART_PROFILES["name"], CHART_PROFILES["customers"], strict=True))
    assert bars == expected_bars, (
        "Task 8: the sizes chart should have one horizontal bar per segment, labelled with its "
        f"name, as long as its customers: expected {expected_bars}, got {bars}"
    )


@pytest.mark.task(8)
def test_png_data_uri_embeds_the_figure():
    figure = Figure(figsize=(4, 3))
    figure.subplots().plot([0, 1, 2], [2, 0, 1])
    default = png_data_uri(figure)
    assert default == png_data_uri(figure, dpi=DPI), (
        f"Task 8: png_data_uri's default resolution should be DPI ({DPI})"
    )
    low, high = png_size(png_data_uri(figure, dpi=50)), png_size(png_data_uri(figure, dpi=150))
    ratio = high[0] / low[0]
    assert 2.7 <= ratio <= 3.3, (
        f"Task 8: at dpi=150 the image should be about 3 times as wide as at dpi=50; got "
        f"{low} and {high} pixels: save at the dpi asked for"
    )
    small = Figure(figsize=(4, 3))
    small.text(0.5, 0.5, "a word")
    width, height = png_size(png_data_uri(small, dpi=50))
    assert width < 4 * 50 / 2 and height < 3 * 50 / 2, (
        "Task 8: the image should be cropped to what the figure draws (bbox_inches='tight'): "
        f"a word on a 4 x 3 inch figure at dpi=50 gave {width}x{height} pixels, the whole "
        "200x150 page or near it"
    )


@pytest.mark.task(8)
def test_the_command_writes_one_self_contained_page(cdnow_report):
    outdir, status = cdnow_report
    assert status == OK, (
        f"Task 8: main(argv) should return OK ({OK}) after a good run, got {status!r}"
    )
    written = sorted(path.name for path in outdir.iterdir())
    assert written == sorted([HTML_FILE, SEGMENTS_FILE]), (
        f"Task 8: the report folder should hold {HTML_FILE} and {SEGMENTS_FILE} only (the charts "
        f"live inside the page); it holds {written}"
    )
    page = read_page(outdir / HTML_FILE)
    assert len(page.images) == len(CHARTS), (
        f"Task 8: the page should show the {len(CHARTS)} charts {CHARTS}; it has "
        f"{len(page.images)} images"
    )
    for uri in page.images:
        width, height = png_size(uri)
        assert min(width, height) >= MIN_CHART_PIXELS, (
            f"Task 8: a chart of {width}x{height} pixels; each should be at least "
            f"{MIN_CHART_PIXELS} on each side"
        )
    outside = [link for link in page.links if not link[2].startswith("data:")]
    assert not outside, (
        "Task 8: the page must not point at any file or address (no src or href that is not a "
        f"data: URI), so that it works on its own; found {outside}"
    )
    assert "url(" not in (outdir / HTML_FILE).read_text(encoding="utf-8"), (
        "Task 8: the page's style should fetch nothing (no url(...))"
    )


@pytest.mark.task(8)
def test_the_segments_file_holds_every_customer_once(cdnow_report, cdnow_rfm):
    outdir, _ = cdnow_report
    segments = pd.read_csv(outdir / SEGMENTS_FILE)
    assert list(segments.columns) == ["customer_id", "segment", "name"], (
        "Task 8: segments.csv should have the columns customer_id, segment, name (no index); "
        f"got {list(segments.columns)}"
    )
    assert sorted(segments["customer_id"]) == list(cdnow_rfm.index), (
        f"Task 8: segments.csv should list each of the {len(cdnow_rfm)} customers once; it has "
        f"{len(segments)} rows, {segments['customer_id'].nunique()} distinct customers"
    )
    names_per_segment = segments.groupby("segment")["name"].nunique()
    assert (names_per_segment == 1).all(), "Task 8: each segment should carry one name"


@pytest.mark.task(8)
def test_the_profile_table_matches_the_data(cdnow_report, cdnow_rfm):
    outdir, _ = cdnow_report
    table = profile_table(read_page(outdir / HTML_FILE))
    segments = pd.read_csv(outdir / SEGMENTS_FILE).set_index("customer_id")
    customers = table["Customers"].astype(int)
    assert customers.sum() == len(cdnow_rfm), (
        f"Task 8: the segments' sizes on the page add up to {customers.sum()}; the log has "
        f"{len(cdnow_rfm)} customers"
    )
    labelled = cdnow_rfm.join(segments)
    truth = labelled.groupby("segment")[["recency", "frequency", "monetary"]].mean()
    sizes = labelled.groupby("segment").size()
    headers = {
        "recency": "Mean recency (days)",
        "frequency": "Mean visits",
        "monetary": "Mean spend per visit ($)",
    }
    for _, row in table.iterrows():
        segment = int(row["Segment"])
        assert int(row["Customers"]) == sizes[segment], (
            f"Task 8: segment {segment} has {sizes[segment]} customers in segments.csv, "
            f"{row['Customers']} on the page"
        )
        for column, header in headers.items():
            shown, actual = float(row[header]), truth.loc[segment, column]
            assert abs(shown - actual) <= DISPLAY_TOLERANCE, (
                f"Task 8: segment {segment}'s {header} is {actual:.4f} in the data (the log and "
                f"segments.csv); the page shows {shown}"
            )
        base_name = row["Name"].rstrip("0123456789 ")
        assert base_name in SEGMENT_NAMES.values(), (
            f"Task 8: segment {segment} should carry a name of SEGMENT_NAMES, got {row['Name']!r}"
        )


@pytest.mark.task(8)
@pytest.mark.parametrize(
    ("content", "named"),
    [("00001 19970101 1 11.77\n00002 1997013 1 10.00\n", "line 2"), (None, "no-such-log")],
    ids=["bad-line", "missing-file"],
)
def test_a_bad_log_is_a_clear_error_and_no_traceback(tmp_path, capsys, content, named):
    log = tmp_path / "no-such-log.txt"
    if content is not None:
        log.write_text(content, encoding="utf-8")
    status = main([str(tmp_path / "out"), "--log", str(log)])
    error = capsys.readouterr().err
    assert status == BAD_INPUT and named in error and "Traceback" not in error, (
        f"Task 8: a log that cannot be used should stop the command with BAD_INPUT "
        f"({BAD_INPUT}) and a one-line error naming {named!r} (build_report lets "
        f"read_transactions' error through; main reports it); got status {status!r} and "
        f"{error!r}"
    )


@pytest.mark.task(8)
def test_the_number_of_segments_and_the_seed_can_be_chosen(tmp_path):
    log = write_small_log(tmp_path / "small.txt")
    outdir = tmp_path / "deeper" / "report"
    arguments = [str(outdir), "--log", str(log), "--k", str(SMALL_K), "--seed", str(REPORT_SEED)]
    assert main(arguments) == OK, f"Task 8: main should return OK ({OK})"
    table = profile_table(read_page(outdir / HTML_FILE))
    assert len(table) == SMALL_K, (
        f"Task 8: with --k {SMALL_K} the page should profile {SMALL_K} segments; it shows "
        f"{len(table)} (create the output folder with its parents if needed)"
    )
    assert table["Customers"].astype(int).sum() == SMALL_LOG_CUSTOMERS, (
        f"Task 8: the {SMALL_K} segments should hold all {SMALL_LOG_CUSTOMERS} customers"
    )
    segments = pd.read_csv(outdir / SEGMENTS_FILE)
    expected = segment_log(log, SMALL_K, REPORT_SEED)
    assert segments["segment"].tolist() == expected.clusters.labels.tolist(), (
        f"Task 8: with --seed {REPORT_SEED}, segments.csv should hold the segments of "
        f"segment_log(log, k, seed={REPORT_SEED}), in the order of the RFM table: pass the "
        "seed on to every step"
    )
