"""The reference k-means on CDNOW and the planted blobs: choosing k, other families, no convergence.

Three comparisons, all on seed 0 unless said otherwise, all with the package's own
functions (the reference solution):

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

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

from segmentation.choosing_k import SILHOUETTE_SAMPLE, elbow_k, k_curves, silhouette_k
from segmentation.compare import ALGORITHMS, compare_on_sample
from segmentation.data import cdnow_path, planted_segments, sample_rows
from segmentation.kmeans import N_INIT, kmeans, kmeans_plusplus, lloyd
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


def main() -> None:
    features = scale_features(rfm_table(read_transactions(cdnow_path())))
    print("<!-- block: choosing-k -->")
    print(choosing_k_table(features))
    print("<!-- block: comparison -->")
    print(comparison_table(features))
    print("<!-- block: early-stop -->")
    print(early_stop_table(features))


if __name__ == "__main__":
    main()
