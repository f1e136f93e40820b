"""A static HTML dashboard of the segments: one command, one folder, no server.

    python -m segmentation.report LOG OUTDIR [--k K] [--seed SEED]

reads the transaction log, computes the RFM features, chooses k (or takes
--k), clusters, names the segments and writes into OUTDIR:

    index.html     the dashboard: key figures, the profile table, the charts, the comparison
    k_curves.png   inertia and silhouette against k, the chosen k marked
    scatter.png    every customer on the first two principal components, coloured by segment
    sizes.png      customers per segment
    segments.csv   customer_id, segment, name: the segments for whoever mails the customers

Everything in it is computed from the log on each run: a report whose numbers
come from the data and from nothing typed by hand.
"""

import argparse
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure  # SOLUTION
from sklearn.decomposition import PCA  # SOLUTION

from segmentation.choosing_k import elbow_k, k_curves, plot_k_curves, silhouette_k  # SOLUTION
from segmentation.compare import compare_on_sample  # SOLUTION
from segmentation.kmeans import kmeans  # SOLUTION
from segmentation.naming import name_segments, segment_profiles  # SOLUTION
from segmentation.transactions import read_transactions, rfm_table, scale_features  # SOLUTION

HTML_FILE = "index.html"
SEGMENTS_FILE = "segments.csv"
CHART_FILES = {"k_curves": "k_curves.png", "scatter": "scatter.png", "sizes": "sizes.png"}
FIGURE_SIZE = (7.0, 4.5)  # inches
DPI = 100
POINT_SIZE = 3  # scatter markers, in points²: 23,570 customers must not hide each other
POINT_ALPHA = 0.4
PROFILE_HEADERS = {
    "segment": "Segment",
    "name": "Name",
    "customers": "Customers",
    "share": "Share",
    "recency": "Mean recency (days)",
    "frequency": "Mean visits",
    "monetary": "Mean spend per visit ($)",
}


@dataclass(frozen=True)
class Report:
    """What `build_report` wrote, and the figures it wrote about."""

    html: Path  # the dashboard, OUTDIR/index.html
    k: int  # the number of segments
    profiles: pd.DataFrame  # `segment_profiles` of the segments
    charts: dict[str, Path]  # CHART_FILES' keys -> the PNG files written


def project_2d(features: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Project the rows on their first two principal components, for a scatter plot.

    Returns the (n, 2) coordinates and the (2,) share of the variance each
    component keeps (sklearn's PCA with random_state=seed: `fit_transform` and
    `explained_variance_ratio_`). The share tells the reader how much of the
    picture the flat view leaves out.
    """
    # BEGIN SOLUTION (task 6): fit a 2-component PCA; its coordinates and explained variance ratio
    pca = PCA(n_components=2, random_state=seed)
    return pca.fit_transform(features), pca.explained_variance_ratio_
    # END SOLUTION


def save_charts(
    projection: np.ndarray,
    labels: np.ndarray,
    profiles: pd.DataFrame,
    explained: np.ndarray,
    outdir: Path,
) -> dict[str, Path]:
    """Draw the scatter and the sizes charts as PNG files in `outdir`; return {key: path}.

    - CHART_FILES["scatter"]: the (n, 2) `projection`, one colour per segment
      (labels index the rows of `profiles`), a legend with the segments' names,
      the axes titled with each component's share of the variance (`explained`).
    - CHART_FILES["sizes"]: a bar per segment, its length the segment's customers,
      labelled with its name.

    Draw on matplotlib `Figure` objects (`fig = Figure(figsize=FIGURE_SIZE)`,
    `ax = fig.subplots()`, then `fig.savefig(path, dpi=DPI)`), not on pyplot's
    global state: nothing to close, no display needed, safe in a server.
    """
    # BEGIN SOLUTION (task 6): a scatter coloured by segment and a bar chart of sizes, saved as PNG
    charts = {"scatter": outdir / CHART_FILES["scatter"], "sizes": outdir / CHART_FILES["sizes"]}

    fig = Figure(figsize=FIGURE_SIZE)
    ax = fig.subplots()
    for segment, name in profiles["name"].items():
        members = labels == segment
        ax.scatter(*projection[members].T, s=POINT_SIZE, alpha=POINT_ALPHA, label=name)
    ax.set_xlabel(f"first principal component ({explained[0]:.0%} of the variance)")
    ax.set_ylabel(f"second principal component ({explained[1]:.0%})")
    ax.set_title("Customers by segment")
    ax.legend(markerscale=4)
    fig.savefig(charts["scatter"], dpi=DPI, bbox_inches="tight")

    fig = Figure(figsize=FIGURE_SIZE)
    ax = fig.subplots()
    ax.barh(profiles["name"], profiles["customers"])
    ax.invert_yaxis()
    ax.set_xlabel("customers")
    ax.set_title("Segment sizes")
    fig.savefig(charts["sizes"], dpi=DPI, bbox_inches="tight")
    return charts
    # END SOLUTION


def render_html(
    title: str,
    facts: Mapping[str, object],
    profiles: pd.DataFrame,
    comparison: pd.DataFrame,
    charts: Mapping[str, Path],
) -> str:
    """Return the dashboard page: the facts, the profile table, the charts and the comparison.

    `facts` are (label, value) pairs shown in order; `profiles` is
    `segment_profiles`' table (its rows become the table with id "profiles");
    `comparison` is `compare_on_sample`'s table; `charts` maps CHART_FILES' keys
    to the PNG files, which the page links by file name (keep them beside it).
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

    def image(key: str, alt: str) -> str:
        return f'<img src="{html.escape(charts[key].name)}" alt="{html.escape(alt)}">'

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
{image("sizes", "customers per segment")}
<h2>The customers, seen flat</h2>
{image("scatter", "customers on the first two principal components, coloured by segment")}
<h2>How many segments?</h2>
{image("k_curves", "inertia and silhouette against the number of segments")}
<h2>Other algorithms on a sample of the same customers</h2>
{comparison_table}
</body>
</html>
"""


def build_report(
    log_path: str | PathLike[str], outdir: str | PathLike[str], k: int | None = None, seed: int = 0
) -> Report:
    """Run the whole analysis on the log at `log_path` and write the dashboard into `outdir`.

    1. `read_transactions`, `rfm_table`, `scale_features`.
    2. `k_curves` on the features (seed); k is the given one, else `elbow_k`.
    3. `kmeans(features, k, seed)`, `name_segments`, `segment_profiles`.
    4. `project_2d`, `save_charts` and `plot_k_curves` (to CHART_FILES["k_curves"]).
    5. `compare_on_sample(features, k, seed)` for the comparison table.
    6. SEGMENTS_FILE: columns customer_id, segment, name, one row per customer,
       no index; HTML_FILE: `render_html`, whose facts include at least the
       log's path, the number of purchase lines, of customers, the period
       covered, the chosen k and what the elbow and the silhouette each suggest.

    Creates `outdir` (and its parents) if needed. Returns the `Report`.
    """
    # BEGIN SOLUTION (task 6): the whole pipeline, then the charts, the CSV and the page
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    transactions = read_transactions(log_path)
    rfm = rfm_table(transactions)
    features = scale_features(rfm)

    curves = k_curves(features, seed=seed)
    elbow, best_silhouette = elbow_k(curves), silhouette_k(curves)
    k = elbow if k is None else k
    result = kmeans(features, k, seed)
    names = name_segments(result.centres)
    profiles = segment_profiles(rfm, result.labels, names)

    projection, explained = project_2d(features, seed)
    charts = save_charts(projection, result.labels, profiles, explained, outdir)
    charts["k_curves"] = plot_k_curves(curves, k, outdir / CHART_FILES["k_curves"], DPI)
    comparison = compare_on_sample(features, k, seed)

    pd.DataFrame(
        {"customer_id": rfm.index, "segment": result.labels, "name": np.array(names)[result.labels]}
    ).to_csv(outdir / SEGMENTS_FILE, index=False)
    dates = transactions["date"]
    facts = {
        "Transaction log": str(log_path),
        "Purchase lines": len(transactions),
        "Customers": len(rfm),
        "Period": f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}",
        "Segments": k,
        "Elbow of the inertia curve": f"k = {elbow}",
        "Best silhouette": f"k = {best_silhouette}",
        "Variance kept by the 2-D view": f"{explained.sum():.0%}",
    }
    page = outdir / HTML_FILE
    page.write_text(
        render_html("Customer segments", facts, profiles, comparison, charts), encoding="utf-8"
    )
    return Report(page, k, profiles, charts)
    # END SOLUTION


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: build the report, or exit with status 1 and a one-line error."""
    parser = argparse.ArgumentParser(
        prog="python -m segmentation.report",
        description="Segment the customers of a transaction log into a static HTML dashboard.",
    )
    parser.add_argument("log", type=Path, help="the transaction log (customer_id date cds amount)")
    parser.add_argument("outdir", type=Path, help="the folder to write the dashboard into")
    parser.add_argument("--k", type=int, help="the number of segments (default: the elbow's)")
    parser.add_argument("--seed", type=int, default=0, help="the seed of every random choice")
    args = parser.parse_args(argv)
    try:
        report = build_report(args.log, args.outdir, k=args.k, seed=args.seed)
    except (OSError, ValueError) as error:
        parser.exit(1, f"{parser.prog}: error: {error}\n")
    print(f"{report.k} segments of {report.profiles['customers'].sum()} customers: {report.html}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
