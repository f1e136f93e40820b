"""The reference k-means on CDNOW and the planted blobs: choosing k, other families, no convergence.

The scenario's example and three comparisons, all on seed 0 unless said otherwise,
all with the package's own functions (the reference solution):

- `scenario`: the first lines of the CDNOW log, the RFM of two customers, and the
  segments of the report (`segment_log` at the elbow's k) with their sizes;
- `choosing-k`: for k = 2 to 8 on the CDNOW RFM features, the inertia and
  silhouette of the reference k-means (`k_curves`), the silhouette of
  scikit-learn's `KMeans(n_init=N_INIT)` on the same sample, and the k each rule picks;
- `comparison`: `compare_on_sample` on the planted blobs (against the truth) and on
  a sample of CDNOW at k = 4;
- `early-stop`: on seeds 0 to 4, the silhouette at k = 4 of the converged k-means
  beside Lloyd's algorithm stopped at its k-means++ start or after one update.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md).
"""

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

from segmentation.choosing_k import SILHOUETTE_SAMPLE, elbow_k, k_curves, silhouette_k
from segmentation.compare import ALGORITHMS, compare_on_sample
from segmentation.data import cdnow_path, planted_segments, sample_rows
from segmentation.kmeans import N_INIT, kmeans, kmeans_plusplus, lloyd
from segmentation.pipeline import segment_log
from segmentation.transactions import read_transactions, rfm_table, scale_features

SEED = 0
K_REPORTED = 4  # the number of segments the brief's comparisons use on CDNOW
EARLY_STOP_SEEDS = range(5)
# lloyd's max_iter counts assignments: 1 keeps the k-means++ centres as they are,
# 2 moves them once (assign, update, assign again).
STOPPED_EARLY = {
    "one k-means++ start, centres not moved": 1,
    "one k-means++ start, centres moved once": 2,
}


EXAMPLE_CUSTOMERS = (2, 3)  # the customers the scenario follows
EXAMPLE_LOG_LINES = 4  # the log's first lines after the header
REPORT_WIDTH = 84  # characters a line of the scenario's output


def row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def choosing_k_table(features: np.ndarray) -> str:
    curves = k_curves(features, seed=SEED)
    sample = sample_rows(len(features), SILHOUETTE_SAMPLE, SEED)
    rules: dict[int, list[str]] = {}
    rules.setdefault(elbow_k(curves), []).append("the elbow")
    rules.setdefault(silhouette_k(curves), []).append("the best silhouette")
    lines = [
        row(
            ["k", "Inertia", "Silhouette", f"Silhouette of `KMeans(n_init={N_INIT})`", "Chosen by"]
        ),
        "|---|---|---|---|---|",
    ]
    for k, inertia, silhouette in zip(curves.ks, curves.inertias, curves.silhouettes, strict=True):
        theirs = KMeans(int(k), n_init=N_INIT, random_state=SEED).fit_predict(features)
        lines.append(
            row(
                [
                    str(k),
                    f"{inertia:,.0f}",
                    f"{silhouette:.3f}",
                    f"{silhouette_score(features[sample], theirs[sample]):.3f}",
                    " and ".join(rules.get(int(k), [])),
                ]
            )
        )
    return "\n".join(lines)


def described(table: pd.DataFrame, name: str, column: str, k: int) -> str:
    """A figure of the table, with the clusters and noise of an algorithm that chose its own."""
    entry = table.loc[name]
    text = f"{entry[column]:.3f}"
    if entry["clusters"] != k or entry["noise"] > 0:
        text += f" ({int(entry['clusters'])} clusters, {entry['noise']:.1%} noise)"
    return text


def comparison_table(features: np.ndarray) -> str:
    blobs = planted_segments(SEED)
    k_blobs = len(blobs.centres)
    on_blobs = compare_on_sample(blobs.features, k_blobs, SEED, truth=blobs.labels)
    on_cdnow = compare_on_sample(features, K_REPORTED, SEED)
    lines = [
        row(
            [
                "",
                "blobs: ARI",
                "blobs: silhouette",
                f"CDNOW sample, k = {K_REPORTED}: silhouette",
            ]
        ),
        "|---|---|---|---|",
    ]
    for name in ALGORITHMS:
        lines.append(
            row(
                [
                    name,
                    described(on_blobs, name, "ari", k_blobs),
                    f"{on_blobs.loc[name, 'silhouette']:.3f}",
                    described(on_cdnow, name, "silhouette", K_REPORTED),
                ]
            )
        )
    return "\n".join(lines)


def early_stop_table(features: np.ndarray) -> str:
    """The silhouette at K_REPORTED of the converged k-means and of Lloyd stopped early."""
    rows = {f"`kmeans(features, {K_REPORTED}, seed)`, converged": []}
    rows |= {name: [] for name in STOPPED_EARLY}
    for seed in EARLY_STOP_SEEDS:
        sample = sample_rows(len(features), SILHOUETTE_SAMPLE, seed)
        start = kmeans_plusplus(features, K_REPORTED, np.random.default_rng(seed))
        labelings = [kmeans(features, K_REPORTED, seed).labels] + [
            lloyd(features, start, max_iter=max_iter).labels for max_iter in STOPPED_EARLY.values()
        ]
        for scores, labels in zip(rows.values(), labelings, strict=True):
            scores.append(f"{silhouette_score(features[sample], labels[sample]):.3f}")
    lines = [row(["Seed", *map(str, EARLY_STOP_SEEDS)]), "|---|" + "---|" * len(EARLY_STOP_SEEDS)]
    return "\n".join(lines + [row([name, *scores]) for name, scores in rows.items()])


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def scenario_block() -> str:
    """The log's first lines, two customers' RFM, and the report's segments on seed 0."""
    path = cdnow_path()
    log_lines = path.read_text(encoding="utf-8").splitlines()
    analysis = segment_log(path, seed=SEED)
    as_of = analysis.transactions["date"].max() + pd.Timedelta(days=1)
    profiles = analysis.profiles.sort_values("customers", ascending=False)
    labels = pd.Series(analysis.clusters.labels, index=analysis.rfm.index)
    sizes = [
        f"{name} {customers:,}"
        for name, customers in zip(profiles["name"], profiles["customers"], strict=True)
    ]
    sizes[0] += f" customers ({profiles['share'].iloc[0]:.1%})"
    lines = [
        "```text",
        "input (the log, one purchase a line: customer, date, CDs, dollars):",
        *(f"  {line.strip()}" for line in log_lines[1 : 1 + EXAMPLE_LOG_LINES]),
        f"  ...{len(analysis.transactions):,} lines",
        "",
        f"RFM (as of {as_of.day} {as_of:%B %Y}):",
    ]
    for customer in EXAMPLE_CUSTOMERS:
        recency, frequency, monetary = analysis.rfm.loc[customer]
        lines.append(
            f"  customer {customer}: last bought {recency:3.0f} days ago, "
            f"{plural(int(frequency), 'visit')}, ${monetary:.2f} per visit"
        )
    lines += [
        "",
        "output: python -m segmentation report",
        *textwrap.wrap(
            f"{analysis.k} segments: " + ", ".join(sizes) + "; their mean days, visits and "
            "dollars; a scatter, the sizes, the k curves, the comparison: one page, its "
            "charts inside",
            width=REPORT_WIDTH,
            initial_indent="  report/index.html     ",
            subsequent_indent=" " * len("  report/index.html     "),
        ),
        "  report/segments.csv   "
        + ", ".join(
            f"customer {customer} -> {analysis.names[labels[customer]]}"
            for customer in EXAMPLE_CUSTOMERS
        ),
        "```",
    ]
    return "\n".join(lines)


def main() -> None:
    features = scale_features(rfm_table(read_transactions(cdnow_path())))
    print("<!-- block: scenario -->")
    print(scenario_block())
    print("<!-- block: choosing-k -->")
    print(choosing_k_table(features))
    print("<!-- block: comparison -->")
    print(comparison_table(features))
    print("<!-- block: early-stop -->")
    print(early_stop_table(features))


if __name__ == "__main__":
    main()
