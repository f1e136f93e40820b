"""Task 6: forecast plots as PNG files and one self-contained HTML page of tables and plots."""

import base64
import io
import math
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from PIL import Image

from forecasting.dashboard import (
    FIGURE_SIZE,
    INTERVAL_ALPHA,
    MISSING,
    Section,
    aapl_section,
    co2_backtest_section,
    co2_holdout_section,
    plot_forecast,
    render_dashboard,
)
from forecasting.experiments import PROPHET, SARIMA, holdout_table

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MIN_SIDE = 200  # pixels
DECIMALS = 3
DATA_URL = "data:image/png;base64,"


class Page(HTMLParser):
    """The tables (rows of cell texts), images (src) and visible text of an HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.images: list[str] = []
        self.alts: list[str | None] = []
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.title = ""
        self.in_title = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.row = []
            self.tables[-1].append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "img":
            self.images.append(dict(attrs).get("src", ""))
            self.alts.append(dict(attrs).get("alt"))
        elif tag == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if self.in_title:
            self.title += data
        self.text.append(data)


def table_as_numbers(table: list[list[str]]) -> dict[str, dict[str, float]]:
    """{row name: {column name: value}} of a table whose first row and column are labels."""
    header, *rows = [row for row in table if row]
    columns = header[-(len(rows[0]) - 1) :] if rows else []
    numbers = {}
    for row in rows:
        values = {}
        for column, cell in zip(columns, row[1:], strict=True):
            try:
                values[column] = float(cell)
            except ValueError:
                values[column] = math.nan
        numbers[row[0]] = values
    return numbers


def find_table(page: Page, expected: pd.DataFrame) -> dict[str, dict[str, float]] | None:
    """The page's table with the same row and column names as `expected`, if any."""
    for table in page.tables:
        numbers = table_as_numbers(table)
        if set(numbers) == set(expected.index) and all(
            set(row) == set(expected.columns) for row in numbers.values()
        ):
            return numbers
    return None


def assert_same_numbers(numbers: dict, expected: pd.DataFrame, what: str) -> None:
    for model, row in expected.iterrows():
        for column, value in row.items():
            shown = numbers[model][column]
            if math.isnan(value):
                assert math.isnan(shown), f"Task 6: {what}: {model}, {column} has no value"
                continue
            assert abs(shown - value) <= 0.6 * 10**-DECIMALS, (
                f"Task 6: {what}: {model}, {column} should show {value:.{DECIMALS}f}, got {shown}"
            )


def assert_png(data: bytes, what: str) -> None:
    assert data.startswith(PNG_MAGIC), f"Task 6: {what} is not a PNG (wrong magic bytes)"
    width, height = Image.open(io.BytesIO(data)).size
    assert min(width, height) >= MIN_SIDE, (
        f"Task 6: {what} is {width}x{height} pixels: too small to read"
    )


def embedded_images(page: Page) -> list[bytes]:
    images = [src for src in page.images if src.startswith(DATA_URL)]
    return [base64.b64decode(src.removeprefix(DATA_URL)) for src in images]


@pytest.fixture
def small_forecast() -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    dates = pd.date_range("2020-01-01", periods=36, freq="MS")
    values = pd.Series(np.linspace(10, 20, 36), index=dates, name="level")
    mean = values.iloc[24:] + 0.5
    forecast = pd.DataFrame({"mean": mean, "lower": mean - 1, "upper": mean + 1})
    return values.iloc[:24], values.iloc[24:], forecast


@pytest.mark.task(6)
def test_plot_forecast_writes_a_png(small_forecast, tmp_path):
    history, actual, forecast = small_forecast
    for name, frame in (("with-interval", forecast), ("mean-only", forecast[["mean"]])):
        path = tmp_path / f"{name}.png"
        returned = plot_forecast(history, actual, frame, path, f"a forecast, {name}")
        assert Path(returned) == path and path.is_file(), (
            f"Task 6: plot_forecast should save the plot at {path} and return that path"
        )
        assert_png(path.read_bytes(), f"the plot {name}")


@pytest.fixture
def saved_figures(monkeypatch) -> list[Figure]:
    """Every matplotlib Figure saved during the test, as it was drawn."""
    figures = []
    savefig = Figure.savefig

    def recording(self, *args, **kwargs):
        figures.append(self)
        return savefig(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", recording)
    return figures


@pytest.mark.task(6)
@pytest.mark.parametrize("context", [5, 10])
def test_plot_forecast_draws_what_it_says(small_forecast, tmp_path, saved_figures, context):
    history, actual, forecast = small_forecast
    path = tmp_path / "level.plot"  # not .png: the PNG format is asked for, not guessed
    plot_forecast(history, actual, forecast, path, "Level, 12 months ahead", context=context)
    assert path.read_bytes().startswith(PNG_MAGIC), (
        f"Task 6: plot_forecast should write a PNG whatever the file is called, here {path.name}: "
        "figure.savefig(path, format='png')"
    )
    assert saved_figures, "Task 6: draw on a matplotlib Figure and save it with figure.savefig"
    figure = saved_figures[-1]
    axes = figure.axes[0]
    assert tuple(figure.get_size_inches()) == pytest.approx(FIGURE_SIZE), (
        f"Task 6: the figure should be FIGURE_SIZE={FIGURE_SIZE} inches, got "
        f"{tuple(figure.get_size_inches())}"
    )
    assert axes.get_title() == "Level, 12 months ahead" and axes.get_ylabel() == history.name, (
        f"Task 6: expected the title given and the series' name {history.name!r} on the value "
        f"axis; got {axes.get_title()!r} and {axes.get_ylabel()!r}"
    )
    legend = axes.get_legend()
    names = sorted(text.get_text() for text in legend.get_texts()) if legend else []
    assert names == ["actual", "forecast", "history", "prediction interval"], (
        "Task 6: the legend should name history, actual, forecast and prediction interval "
        f"(label= on each, then axes.legend()); got {names}"
    )
    colours = {line.get_label(): to_hex(line.get_color()) for line in axes.get_lines()}
    assert len({colours.get(name) for name in ("history", "actual", "forecast")}) == 3, (
        f"Task 6: history, actual and forecast should each have a colour of its own; got {colours}"
    )
    interval = [patch for patch in axes.collections if patch.get_label() == "prediction interval"]
    assert interval and to_hex(interval[0].get_facecolor()[0]) == colours["forecast"], (
        "Task 6: shade the prediction interval in the forecast's colour "
        "(fill_between(..., color=...))"
    )
    assert interval[0].get_alpha() == INTERVAL_ALPHA, (
        f"Task 6: shade the interval with alpha=INTERVAL_ALPHA ({INTERVAL_ALPHA}), got "
        f"{interval[0].get_alpha()}"
    )
    first = date2num(history.index[-context])
    assert axes.dataLim.x0 == pytest.approx(first), (
        f"Task 6: with context={context} the plot should start at the {context}th observation "
        f"from the end of the history, {history.index[-context].date()}, with dates on the "
        "horizontal axis"
    )


@pytest.mark.task(6)
def test_render_dashboard_writes_tables_and_embedded_images(small_forecast, tmp_path):
    history, actual, forecast = small_forecast
    image = plot_forecast(history, actual, forecast, tmp_path / "plot.png", "a plot")
    table = pd.DataFrame(
        {"MAE": [1.23456, 0.5], "coverage": [0.9, math.nan]}, index=["<b>model</b>", "A & B"]
    )
    image = image.rename(tmp_path / 'the "best" plot.png')
    path = render_dashboard(
        "Demand & supply", [Section("Results <1>", table, [image], "a note")], tmp_path / "d.html"
    )
    assert Path(path) == tmp_path / "d.html" and Path(path).is_file(), (
        "Task 6: render_dashboard should write the page at the path given and return it"
    )
    text = Path(path).read_text(encoding="utf-8")
    page = Page(text)
    assert page.title.strip() == "Demand & supply", (
        f"Task 6: the page's <title> should be the title, escaped; got {page.title!r}"
    )
    assert "<b>model</b>" not in text and "Results <1>" not in text, (
        "Task 6: text from the data must be escaped (html.escape, DataFrame.to_html): a model "
        "called '<b>model</b>' would otherwise turn into bold markup"
    )
    assert "Results <1>" in "".join(page.text) and "a note" in "".join(page.text), (
        "Task 6: the section's heading and note should appear on the page"
    )
    numbers = find_table(page, table)
    assert numbers is not None, (
        "Task 6: the page should hold the section's table as an HTML <table> with the model "
        f"names as rows and {list(table.columns)} as columns; found {len(page.tables)} tables"
    )
    assert_same_numbers(numbers, table, "the table")
    assert numbers["<b>model</b>"]["MAE"] == 1.235, (
        f"Task 6: show numbers to {DECIMALS} decimals (FLOAT_FORMAT): 1.23456 should read "
        f"1.235, got {numbers['<b>model</b>']['MAE']}"
    )
    images = embedded_images(page)
    assert len(images) == 1, (
        f'Task 6: embed the image as <img src="{DATA_URL}...">, so the page needs no other '
        f"file; found {len(images)} embedded of {len(page.images)} images"
    )
    assert_png(images[0], "the embedded image")
    assert images[0] == image.read_bytes(), "Task 6: the embedded image should be the plot file"
    assert page.alts == [image.stem], (
        f"Task 6: the image's alt text should be its file's name without the suffix, "
        f"{image.stem!r}, escaped with html.escape(..., quote=True); got {page.alts}"
    )
    cells = [cell for table in page.tables for row in table for cell in row]
    assert MISSING in cells, (
        f"Task 6: a missing value should read {MISSING!r} (MISSING) in the table, got the cells "
        f"{cells}"
    )


@pytest.fixture(scope="module")
def dashboard(
    tmp_path_factory,
    co2_train,
    co2_test,
    baseline_forecasts,
    sarima_holdout,
    prophet_holdout,
    co2_backtest,
    aapl_backtest,
):
    """The kata's dashboard, built from the session's forecasts and backtests."""
    folder = tmp_path_factory.mktemp("dashboard")
    forecasts = baseline_forecasts | {SARIMA: sarima_holdout, PROPHET: prophet_holdout}
    sections = [
        co2_holdout_section(folder, co2_train, co2_test, forecasts, "SARIMA"),
        co2_backtest_section(co2_backtest),
        aapl_section(folder, aapl_backtest),
    ]
    page = render_dashboard("Forecasting dashboard", sections, folder / "dashboard.html")
    expected = {
        "the CO2 hold-out table": holdout_table(co2_train, co2_test, forecasts),
        "the CO2 backtest table": co2_backtest.summary,
        "the AAPL backtest table": aapl_backtest.summary,
    }
    return Page(Path(page).read_text(encoding="utf-8")), expected


@pytest.mark.task(6)
def test_dashboard_shows_the_right_numbers(dashboard):
    page, expected = dashboard
    for what, table in expected.items():
        numbers = find_table(page, table)
        assert numbers is not None, (
            f"Task 6: the dashboard should show {what}, with rows {list(table.index)} and "
            f"columns {list(table.columns)}; found {len(page.tables)} tables"
        )
        assert_same_numbers(numbers, table, what)


@pytest.mark.task(6)
def test_dashboard_embeds_its_three_plots(dashboard):
    page, _ = dashboard
    images = embedded_images(page)
    assert len(images) == 3, (
        "Task 6: the dashboard should embed three plots (CO2 with SARIMA, CO2 with Prophet, "
        f"AAPL with ARIMA), got {len(images)}"
    )
    for number, image in enumerate(images, start=1):
        assert_png(image, f"plot {number} of the dashboard")


@pytest.mark.task(6)
def test_command_line_writes_one_self_contained_page(
    monkeypatch,
    tmp_path,
    capsys,
    co2_split,
    chosen_order,
    baseline_forecasts,
    sarima_holdout,
    prophet_holdout,
    co2_backtest,
    aapl_backtest,
):
    from forecasting import experiments
    from forecasting.__main__ import OK, main

    # The experiments are the ones the other tests ran: reuse them rather than run them again.
    forecasts = baseline_forecasts | {SARIMA: sarima_holdout, PROPHET: prophet_holdout}
    monkeypatch.setattr(experiments, "co2_split", lambda: co2_split)
    monkeypatch.setattr(experiments, "chosen_order", lambda train: chosen_order)
    monkeypatch.setattr(experiments, "co2_holdout_forecasts", lambda *arguments: forecasts)
    monkeypatch.setattr(experiments, "co2_backtest", lambda *arguments: co2_backtest)
    monkeypatch.setattr(experiments, "aapl_backtest", lambda: aapl_backtest)
    page = tmp_path / "report" / "forecasts.html"
    status = main([str(page)])
    assert status == OK and page.is_file(), (
        f"Task 6: python -m forecasting {page} should write the page and exit with {OK}, got "
        f"exit status {status}"
    )
    assert list(page.parent.iterdir()) == [page], (
        "Task 6: the dashboard is one self-contained file, with nothing beside it; found "
        f"{sorted(path.name for path in page.parent.iterdir())}"
    )
    parsed = Page(page.read_text(encoding="utf-8"))
    assert len(embedded_images(parsed)) == len(parsed.images) == 3, (
        "Task 6: the page should embed its three plots as data URLs and link to no file; got "
        f"{len(parsed.images)} images, {len(embedded_images(parsed))} of them embedded"
    )
    assert str(page.resolve()) in capsys.readouterr().out, (
        "Task 6: the command should print where it wrote the page"
    )
    with pytest.raises(SystemExit) as refused:
        main([str(tmp_path)])
    assert refused.value.code == 2, (
        f"Task 6: a folder for the page is a bad argument (exit status 2), got {refused.value.code}"
    )
