"""Task 8: one static HTML file with the funnel and the attribution shares.

Self-contained: the tables as HTML, the chart as a PNG written into the page, nothing
fetched and no file beside it, so it can be mailed or archived as it is.
"""

from __future__ import annotations

import base64
import html
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure


def format_cell(value: object) -> str:
    """The text of one cell: an integer as it is, a float with 4 decimals, a missing
    number as an empty cell, anything else as its escaped string."""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return "" if math.isnan(value) else f"{value:.4f}"
    return html.escape(str(value))


def html_table(frame: pd.DataFrame, table_id: str) -> str:
    """The frame as an HTML table with id `table_id`: a <thead> row of the column names
    (escaped) in <th>, then a <tbody> with one <tr> per row and one <td> per cell, each
    cell's text given by format_cell. The index is not written."""
    # BEGIN SOLUTION (task 8): a header row, then a row of format_cell texts per record
    header = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{format_cell(value)}</td>" for value in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<table id="{html.escape(table_id)}">\n<thead><tr>{header}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )
    # END SOLUTION


def shares_chart(shares: pd.DataFrame) -> bytes:
    """A PNG of the attribution shares: one group of bars per channel, one bar per
    method (the frame's columns other than `channel`)."""
    figure = Figure(figsize=(7, 3.5))
    axes = figure.subplots()
    methods = [column for column in shares.columns if column != "channel"]
    width = 0.8 / len(methods)
    positions = np.arange(len(shares))
    for k, method in enumerate(methods):
        axes.bar(positions + k * width, shares[method], width, label=method)
    axes.set_xticks(positions + 0.4 - width / 2, shares["channel"])
    axes.set_ylabel("share of conversions")
    axes.legend(fontsize="small", ncol=2)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def write_report(
    path: Path, funnel: pd.DataFrame, shares: pd.DataFrame, title: str = "Customer journeys"
) -> Path:
    """Write the report to `path` (UTF-8) and return the path.

    The page holds, in order: an <h1> of the escaped title; html_table(funnel, "funnel");
    html_table(shares, "attribution") (shares has a `channel` column and one column of
    shares per method); and the chart of shares_chart(shares) as
    <img alt="attribution shares" src="data:image/png;base64,...">.
    """
    # BEGIN SOLUTION (task 8): title, two tables, the chart as base64; write UTF-8
    chart = base64.b64encode(shares_chart(shares)).decode("ascii")
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title></head><body>",
            f"<h1>{html.escape(title)}</h1>",
            "<h2>Funnel</h2>",
            html_table(funnel, "funnel"),
            "<h2>Attribution</h2>",
            html_table(shares, "attribution"),
            f'<img alt="attribution shares" src="data:image/png;base64,{chart}">',
            "</body></html>",
        ]
    )
    path = Path(path)
    path.write_bytes(page.encode("utf-8"))
    return path
    # END SOLUTION
