"""Task 6: the static HTML dashboard, its charts and its numbers, from the command line."""

from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import PCA

from segmentation.naming import SEGMENT_NAMES
from segmentation.report import CHART_FILES, HTML_FILE, SEGMENTS_FILE, main, project_2d

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MIN_CHART_PIXELS = 200  # each side of a chart, at least
TOLERANCE = 1e-9
DISPLAY_TOLERANCE = 0.006  # the page shows means with two decimals
SMALL_LOG_CUSTOMERS = 60
SMALL_K = 3


class TableReader(HTMLParser):
    """Collect the cells of every <table> of a page, by the table's id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[str] = []
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
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


def read_page(path: Path) -> TableReader:
    reader = TableReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def profile_table(reader: TableReader) -> pd.DataFrame:
    rows = reader.tables.get("profiles")
    assert rows, 'Task 6: the page should hold the profile table, <table id="profiles">'
    return pd.DataFrame(rows[1:], columns=rows[0])


def check_png(path: Path) -> None:
    assert path.is_file(), f"Task 6: expected the chart {path.name} in the report's folder"
    with path.open("rb") as file:
        assert file.read(len(PNG_MAGIC)) == PNG_MAGIC, f"Task 6: {path.name} is not a PNG file"
    from PIL import Image

    with Image.open(path) as image:
        assert min(image.size) >= MIN_CHART_PIXELS, (
            f"Task 6: {path.name} is {image.size[0]}x{image.size[1]} pixels; a chart should be "
            f"at least {MIN_CHART_PIXELS} on each side"
        )


@pytest.fixture(scope="session")
def cdnow_report(tmp_path_factory, cdnow_path):
    """Your report of the CDNOW log, made the way a user would: through main(argv)."""
    outdir = tmp_path_factory.mktemp("report") / "cdnow"
    status = main([str(cdnow_path), str(outdir)])
    return outdir, status


@pytest.mark.task(6)
def test_projection_is_the_first_two_principal_components(cdnow_features, seed):
    coordinates, explained = project_2d(cdnow_features, seed)
    pca = PCA(n_components=2).fit(cdnow_features)
    expected = pca.transform(cdnow_features)
    assert coordinates.shape == expected.shape, (
        f"Task 6: expected coordinates of shape {expected.shape}, got {coordinates.shape}"
    )
    assert np.allclose(np.abs(coordinates), np.abs(expected), atol=1e-6), (
        "Task 6: the coordinates should be the projections on the first two principal "
        "components (up to each axis's sign), as sklearn's PCA(n_components=2) gives"
    )
    assert np.allclose(explained, pca.explained_variance_ratio_, atol=1e-6), (
        f"Task 6: the shares of variance should be {pca.explained_variance_ratio_.round(3)}; "
        f"got {np.round(explained, 3)}"
    )


@pytest.mark.task(6)
def test_the_command_writes_the_page_and_its_files(cdnow_report):
    outdir, status = cdnow_report
    assert status == 0, f"Task 6: main(argv) should return 0 after a good run, got {status!r}"
    assert (outdir / HTML_FILE).is_file(), f"Task 6: expected {HTML_FILE} in {outdir}"
    for name in CHART_FILES.values():
        check_png(outdir / name)
    images = read_page(outdir / HTML_FILE).images
    for name in CHART_FILES.values():
        assert name in images, (
            f'Task 6: the page should show {name} with <img src="{name}">; it shows {images}'
        )


@pytest.mark.task(6)
def test_the_segments_file_holds_every_customer_once(cdnow_report, cdnow_rfm):
    outdir, _ = cdnow_report
    segments = pd.read_csv(outdir / SEGMENTS_FILE)
    assert list(segments.columns) == ["customer_id", "segment", "name"], (
        "Task 6: segments.csv should have the columns customer_id, segment, name (no index); "
        f"got {list(segments.columns)}"
    )
    assert sorted(segments["customer_id"]) == list(cdnow_rfm.index), (
        f"Task 6: segments.csv should list each of the {len(cdnow_rfm)} customers once; it has "
        f"{len(segments)} rows, {segments['customer_id'].nunique()} distinct customers"
    )
    names_per_segment = segments.groupby("segment")["name"].nunique()
    assert (names_per_segment == 1).all(), "Task 6: each segment should carry one name"


@pytest.mark.task(6)
def test_the_profile_table_matches_the_data(cdnow_report, cdnow_rfm):
    outdir, _ = cdnow_report
    table = profile_table(read_page(outdir / HTML_FILE))
    segments = pd.read_csv(outdir / SEGMENTS_FILE).set_index("customer_id")
    customers = table["Customers"].astype(int)
    assert customers.sum() == len(cdnow_rfm), (
        f"Task 6: the segments' sizes on the page add up to {customers.sum()}; the log has "
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
            f"Task 6: segment {segment} has {sizes[segment]} customers in segments.csv, "
            f"{row['Customers']} on the page"
        )
        for column, header in headers.items():
            shown, actual = float(row[header]), truth.loc[segment, column]
            assert abs(shown - actual) <= DISPLAY_TOLERANCE, (
                f"Task 6: segment {segment}'s {header} is {actual:.4f} in the data (the log and "
                f"segments.csv); the page shows {shown}"
            )
        base_name = row["Name"].rstrip("0123456789 ")
        assert base_name in SEGMENT_NAMES.values(), (
            f"Task 6: segment {segment} should carry a name of SEGMENT_NAMES, got {row['Name']!r}"
        )


@pytest.mark.task(6)
def test_a_bad_log_is_a_clear_error_and_no_traceback(tmp_path, capsys):
    log = tmp_path / "log.txt"
    log.write_text("00001 19970101 1 11.77\n00002 1997013 1 10.00\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main([str(log), str(tmp_path / "out")])
    error = capsys.readouterr().err
    assert stopped.value.code == 1 and "line 2" in error, (
        "Task 6: a bad line should stop the command with status 1 and an error naming the line "
        f"(read_transactions raises ValueError; main reports it); got status "
        f"{stopped.value.code!r} and {error!r}"
    )


@pytest.mark.task(6)
def test_the_number_of_segments_can_be_chosen(tmp_path):
    rng = np.random.default_rng(0)
    lines = []
    for customer in range(1, SMALL_LOG_CUSTOMERS + 1):
        for _ in range(rng.integers(1, 6)):
            day = pd.Timestamp("1997-01-01") + pd.Timedelta(days=int(rng.integers(0, 540)))
            lines.append(f"{customer:05d} {day:%Y%m%d} 1 {rng.gamma(2.0, 15.0):.2f}")
    log = tmp_path / "small.txt"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outdir = tmp_path / "deeper" / "report"
    assert main([str(log), str(outdir), "--k", str(SMALL_K)]) == 0, "Task 6: main should return 0"
    table = profile_table(read_page(outdir / HTML_FILE))
    assert len(table) == SMALL_K, (
        f"Task 6: with --k {SMALL_K} the page should profile {SMALL_K} segments; it shows "
        f"{len(table)} (create the output folder with its parents if needed)"
    )
    assert table["Customers"].astype(int).sum() == SMALL_LOG_CUSTOMERS, (
        f"Task 6: the {SMALL_K} segments should hold all {SMALL_LOG_CUSTOMERS} customers"
    )
