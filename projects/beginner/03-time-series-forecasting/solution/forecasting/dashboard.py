"""Task 6: a static dashboard: forecast-versus-actual plots and the metrics tables, one page.

A plain HTML file with its PNG plots embedded as base64 opens in any browser, can be
mailed or archived, and needs no server: the cheapest dashboard there is. The command
line (`python -m forecasting`, in `__main__.py`) runs every experiment of the kata
through `build_dashboard` and writes the page.
"""

import base64  # SOLUTION
import html  # SOLUTION
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure  # SOLUTION

from forecasting import experiments

CONTEXT = 60  # observations of history shown before the forecast
FIGURE_SIZE = (9, 4)  # inches
DPI = 100
INTERVAL_ALPHA = 0.2  # the opacity of the shaded prediction interval: light, the lines show through
FLOAT_FORMAT = "{:.3f}".format  # three decimals in the tables
MISSING = "n/a"  # a table cell without a value, such as a baseline's interval coverage
PAGE = "dashboard.html"
TITLE = "Forecasting dashboard"


@dataclass(frozen=True)
class Section:
    """One part of the page: a heading, a sentence, a metrics table and its plots."""

    heading: str
    table: pd.DataFrame
    images: Sequence[Path] = field(default_factory=tuple)
    note: str = ""


def plot_forecast(
    history: pd.Series,
    actual: pd.Series,
    forecast: pd.DataFrame,
    path: Path,
    title: str,
    context: int = CONTEXT,
) -> Path:
    """Plot a forecast against what happened and save it as a PNG at `path`.

    On a FIGURE_SIZE figure, draw against the dates the last `context` observations of
    `history`, the `actual` values and the forecast's "mean", each line in a colour of
    its own; when the frame also has "lower" and "upper" columns, shade the prediction
    interval between them in the forecast's colour, with the opacity INTERVAL_ALPHA.
    Give the plot `title`, the name of `history` (or "value") on the value axis, and a
    legend that names "history", "actual", "forecast" and, if shaded, "prediction
    interval". Save it as a PNG (at DPI dots per inch) whatever the name of `path`, and
    return `path`. Draw on a `matplotlib.figure.Figure` rather than through `pyplot`: it
    needs no display and keeps no global state, so there is no backend to choose and no
    figure to close.
    """
    # BEGIN SOLUTION (task 6): plot history, actual and mean, fill_between the bounds, savefig
    figure = Figure(figsize=FIGURE_SIZE)
    axes = figure.subplots()
    axes.plot(history.iloc[-context:], color="grey", label="history")
    axes.plot(actual, color="black", label="actual")
    axes.plot(forecast.index, forecast["mean"], color="tab:blue", label="forecast")
    if {"lower", "upper"} <= set(forecast.columns):
        axes.fill_between(
            forecast.index,
            forecast["lower"],
            forecast["upper"],
            color="tab:blue",
            alpha=INTERVAL_ALPHA,
            label="prediction interval",
        )
    axes.set_title(title)
    axes.set_ylabel(history.name or "value")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=DPI, format="png")
    return path
    # END SOLUTION


def render_dashboard(title: str, sections: Sequence[Section], path: Path) -> Path:
    """Write one self-contained HTML page of the sections to `path`; return `path`.

    The page has the `title` (in <title> and an <h1>), then for each section its heading
    (<h2>), its note (<p>), its table as an HTML <table> (`DataFrame.to_html`, which
    escapes the text, with numbers to three decimals by FLOAT_FORMAT and MISSING for
    NaN) and each image inline as <img src="data:image/png;base64,..." alt="...">, its
    alt text the image file's name without the suffix, so the page needs no other file.
    Escape every text you write yourself (`html.escape`, with quote=True inside an
    attribute): a model called "<b>" must show as text, not as markup.
    """
    # BEGIN SOLUTION (task 6): assemble escaped headings, to_html tables and base64 <img> tags
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for section in sections:
        parts.append(f"<h2>{html.escape(section.heading)}</h2>")
        if section.note:
            parts.append(f"<p>{html.escape(section.note)}</p>")
        parts.append(section.table.to_html(float_format=FLOAT_FORMAT, na_rep=MISSING))
        for image in section.images:
            encoded = base64.b64encode(Path(image).read_bytes()).decode("ascii")
            alt = html.escape(Path(image).stem, quote=True)
            parts.append(f'<img src="data:image/png;base64,{encoded}" alt="{alt}">')
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
    # END SOLUTION


def co2_holdout_section(
    folder: Path,
    train: pd.Series,
    test: pd.Series,
    forecasts: dict[str, pd.DataFrame],
    model_name: str,
) -> Section:
    """The CO2 hold-out: every model's metrics, and the plots of SARIMA and Prophet."""
    images = [
        plot_forecast(
            train,
            test,
            forecasts[name],
            folder / f"co2-{name.lower()}.png",
            f"CO2, {name}: {len(test)} months from {test.index[0]:%Y-%m} with its 95% interval",
        )
        for name in (experiments.SARIMA, experiments.PROPHET)
    ]
    return Section(
        "CO2 at Mauna Loa: one 48-month forecast",
        experiments.holdout_table(train, test, forecasts),
        images,
        f"Trained up to {train.index[-1]:%Y-%m}; SARIMA is {model_name}, chosen by AIC.",
    )


def co2_backtest_section(backtest: experiments.Backtest) -> Section:
    return Section(
        "CO2: rolling-origin backtest",
        backtest.summary,
        note="Four yearly origins, 1998-01 to 2001-01, each forecasting the next 12 months.",
    )


def aapl_section(folder: Path, backtest: experiments.Backtest) -> Section:
    """The AAPL one-day-ahead backtest, with ARIMA's forecasts over the last 250 days."""
    arima = backtest.results[backtest.results["model"] == experiments.ARIMA]
    forecast = pd.DataFrame({"mean": arima["forecast"].to_numpy()}, index=arima["timestamp"])
    first = backtest.series.index.get_loc(forecast.index[0])
    image = plot_forecast(
        backtest.series.iloc[:first],
        backtest.series.iloc[first:],
        forecast,
        folder / "aapl-arima.png",
        f"AAPL adjusted close: {experiments.ARIMA} one day ahead",
    )
    return Section(
        "AAPL: one day ahead, last 250 trading days",
        backtest.summary,
        [image],
        "Nothing beats the random walk by much: on daily prices, that is the honest result. "
        "MASE is scaled by the random walk's error over the year before the first origin.",
    )


def build_dashboard(path: Path) -> Path:
    """Run every experiment and write the dashboard to `path`, one self-contained HTML file.

    The plots are drawn in a temporary folder and embedded in the page, so nothing is
    left beside it. Folders on the way to `path` are made as needed. Returns `path`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    train, test = experiments.co2_split()
    order, seasonal_order = experiments.chosen_order(train)
    forecasts = experiments.co2_holdout_forecasts(train, len(test), order, seasonal_order)
    co2_backtest = experiments.co2_backtest(order, seasonal_order)
    aapl_backtest = experiments.aapl_backtest()
    with tempfile.TemporaryDirectory(prefix="forecasting-plots-") as plots:
        folder = Path(plots)
        sections = [
            co2_holdout_section(folder, train, test, forecasts, f"SARIMA{order}{seasonal_order}"),
            co2_backtest_section(co2_backtest),
            aapl_section(folder, aapl_backtest),
        ]
        return render_dashboard(TITLE, sections, path)
