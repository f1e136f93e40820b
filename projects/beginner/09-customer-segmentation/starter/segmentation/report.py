"""A static HTML dashboard of the segments: one self-contained page, no server.

`build_report` runs the analysis of Task 7 (`segmentation.pipeline.segment_log`)
and writes two files into a folder:

    index.html     the dashboard: key figures, the profile table, the charts, the comparison
    segments.csv   customer_id, segment, name: the segments for whoever mails the customers

The page carries its charts inside it, as PNG images encoded in base64 `data:` URIs,
so it is one file that opens in any browser, offline, and survives being mailed or
attached to a ticket: nothing beside it to lose, nothing fetched. Everything in it is
computed from the log on each run: a report whose numbers come from the data and from
nothing typed by hand. `python -m segmentation` runs it from the command line.
"""

import html
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from segmentation.choosing_k import plot_k_curves
from segmentation.compare import compare_on_sample
from segmentation.pipeline import Segmentation, project_2d, segment_log

HTML_FILE = "index.html"
SEGMENTS_FILE = "segments.csv"
SEGMENTS_COLUMNS = ("customer_id", "segment", "name")
CHARTS = ("sizes", "scatter", "k_curves")  # the charts of the page, in the order it shows them
PNG_DATA_PREFIX = "data:image/png;base64,"
TITLE = "Customer segments"
FIGURE_SIZE = (7.0, 4.5)  # inches
DPI = 100
POINT_SIZE = 3  # scatter markers, in points²: 23,570 customers must not hide each other
POINT_ALPHA = 0.4
LEGEND_MARKER_SCALE = 4  # the legend's markers, this many times the scatter's tiny points
PROFILE_HEADERS = {
    "segment": "Segment",
    "name": "Name",
    "customers": "Customers",
    "share": "Share",
    "recency": "Mean recency (days)",
    "frequency": "Mean visits",
    "monetary": "Mean spend per visit ($)",
}
CHART_DESCRIPTIONS = {
    "sizes": "customers per segment",
    "scatter": "customers on the first two principal components, coloured by segment",
    "k_curves": "inertia and silhouette against the number of segments",
}


@dataclass(frozen=True)
class Report:
    """What `build_report` wrote, and the figures it wrote about."""

    html: Path  # the dashboard, OUTDIR/index.html
    segments: Path  # the customers' segments, OUTDIR/segments.csv
    k: int  # the number of segments
    profiles: pd.DataFrame  # `segment_profiles` of the segments


def draw_charts(
    projection: np.ndarray, labels: np.ndarray, profiles: pd.DataFrame, explained: np.ndarray
) -> dict[str, Figure]:
    """Draw the scatter and the sizes charts; return {"scatter": Figure, "sizes": Figure}.

    - "scatter": the (n, 2) `projection`, one colour per segment (labels index
      the rows of `profiles`), points of size POINT_SIZE and opacity
      POINT_ALPHA, a legend with the segments' names (markers LEGEND_MARKER_SCALE
      times as big), the axes titled with each component's share of the
      variance (`explained`).
    - "sizes": a horizontal bar per segment, its length the segment's
      customers, labelled with its name.

    Draw on matplotlib `Figure` objects (`fig = Figure(figsize=FIGURE_SIZE)`,
    `ax = fig.subplots()`), not on pyplot's global state: nothing to close, no
    display needed, safe in a server.
    """
    raise NotImplementedError("Task 8: a scatter coloured by segment and a bar chart of the sizes")


def png_data_uri(figure: Figure, dpi: int = DPI) -> str:
    """Return the figure as a PNG image inside a `data:` URI, for an <img src="...">.

    Save it as PNG at `dpi` into an in-memory buffer (`io.BytesIO`), not a file,
    cropped to what the figure draws (`bbox_inches="tight"`: no wide white margin,
    no label cut off); encode the bytes in base64 and put PNG_DATA_PREFIX before
    them. The page then needs no file beside it.
    """
    raise NotImplementedError(
        "Task 8: savefig into a BytesIO as PNG, then base64 behind the data: prefix"
    )


def report_facts(
    log_path: str | PathLike[str], analysis: Segmentation, explained: np.ndarray
) -> dict[str, object]:
    """The key figures at the top of the page, as (label, value) pairs in order.

    `explained` is `project_2d`'s share of the variance of each axis of the scatter.
    """
    dates = analysis.transactions["date"]
    return {
        "Transaction log": str(log_path),
        "Purchase lines": len(analysis.transactions),
        "Customers": len(analysis.rfm),
        "Period": f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}",
        "Segments": analysis.k,
        "Elbow of the inertia curve": f"k = {analysis.elbow}",
        "Best silhouette": f"k = {analysis.best_silhouette}",
        "Variance kept by the 2-D view": f"{explained.sum():.0%}",
    }


def render_html(
    title: str,
    facts: Mapping[str, object],
    profiles: pd.DataFrame,
    comparison: pd.DataFrame,
    images: Mapping[str, str],
) -> str:
    """Return the dashboard page: the facts, the profile table, the charts and the comparison.

    `facts` are (label, value) pairs shown in order; `profiles` is
    `segment_profiles`' table (its rows become the table with id "profiles");
    `comparison` is `compare_on_sample`'s table; `images` maps each of CHARTS
    to its image's `data:` URI (`png_data_uri`), which the page shows in place.
    """
    profile_table = (
        profiles.reset_index()
        .rename(columns=PROFILE_HEADERS)
        .to_html(
            index=False,
            table_id="profiles",
            formatters={
                PROFILE_HEADERS["share"]: "{:.1%}".format,
                PROFILE_HEADERS["recency"]: "{:.2f}".format,
                PROFILE_HEADERS["frequency"]: "{:.2f}".format,
                PROFILE_HEADERS["monetary"]: "{:.2f}".format,
            },
        )
    )
    comparison_table = comparison.to_html(table_id="comparison", float_format="{:.3f}".format)
    fact_items = "\n".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(str(value))}</dd>"
        for label, value in facts.items()
    )

    def image(key: str) -> str:
        alt = html.escape(CHART_DESCRIPTIONS[key])
        return f'<img src="{html.escape(images[key])}" alt="{alt}">'

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }}
dl {{ display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }}
dt {{ font-weight: bold; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: right; }}
img {{ max-width: 100%; display: block; margin: 1rem 0; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<dl>
{fact_items}
</dl>
<h2>Segments</h2>
{profile_table}
{image("sizes")}
<h2>The customers, seen flat</h2>
{image("scatter")}
<h2>How many segments?</h2>
{image("k_curves")}
<h2>Other algorithms on a sample of the same customers</h2>
{comparison_table}
</body>
</html>
"""


def build_report(
    log_path: str | PathLike[str], outdir: str | PathLike[str], k: int | None = None, seed: int = 0
) -> Report:
    """Analyse the log at `log_path` and write the dashboard and the segments into `outdir`.

    1. `segment_log(log_path, k, seed)`: the segments (Task 7).
    2. The charts: `project_2d(features, seed)` and `draw_charts`, and
       `plot_k_curves(curves, k)` as "k_curves"; each as `png_data_uri`.
    3. `compare_on_sample(features, k, seed)` for the comparison table.
    4. SEGMENTS_FILE: the columns SEGMENTS_COLUMNS, one row per customer in the
       order of the RFM table, no index.
    5. HTML_FILE: `render_html(TITLE, report_facts(log_path, analysis, explained),
       profiles, comparison, images)`, written as UTF-8.

    Creates `outdir` (and its parents) if needed; writes nothing else there.
    Returns the `Report`.
    """
    analysis = ...  # Task 7: segment_log(log_path, k, seed)
    ...  # project_2d of its features, draw_charts, and plot_k_curves as "k_curves"
    images = ...  # {key: png_data_uri(figure)} for every chart
    comparison = ...  # compare_on_sample(features, k, seed)
    ...  # create outdir (and its parents); write SEGMENTS_FILE with pandas' to_csv
    ...  # write HTML_FILE: render_html(TITLE, report_facts(log_path, analysis, explained), ...)
    raise NotImplementedError(
        "Task 8: analyse, draw and encode the charts, compare; write the CSV and page"
    )
