"""The whole analysis in one call: from a transaction log to named, profiled segments.

Every step is a function of an earlier task; this module strings them together in
order, passing the one seed to every step that draws at random, so that the report
(Task 8) and anyone else who wants the segments get the same answer from the same
log and seed.
"""

from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA

from segmentation.choosing_k import KCurves, elbow_k, k_curves, silhouette_k
from segmentation.kmeans import KMeansResult, kmeans
from segmentation.naming import name_segments, segment_profiles
from segmentation.transactions import read_transactions, rfm_table, scale_features


@dataclass(frozen=True)
class Segmentation:
    """Every result of the analysis of one log, for the report to show."""

    transactions: pd.DataFrame  # `read_transactions` of the log
    rfm: pd.DataFrame  # `rfm_table` of the transactions
    features: np.ndarray  # `scale_features` of the RFM table
    curves: KCurves  # `k_curves` of the features
    elbow: int  # the k that `elbow_k` picks
    best_silhouette: int  # the k that `silhouette_k` picks
    k: int  # the number of segments: the given one, else the elbow's
    clusters: KMeansResult  # `kmeans` of the features at k
    names: list[str]  # `name_segments` of the clusters' centres
    profiles: pd.DataFrame  # `segment_profiles` of the segments


def segment_log(log_path: str | PathLike[str], k: int | None = None, seed: int = 0) -> Segmentation:
    """Run the analysis of the log at `log_path`, every random step seeded with `seed`.

    1. `read_transactions`, `rfm_table` (as of the day after the log's last
       purchase), `scale_features`.
    2. `k_curves(features, seed=seed)`, and the k of `elbow_k` and of
       `silhouette_k`; k is the given one, else the elbow's.
    3. `kmeans(features, k, seed)`, `name_segments` of its centres,
       `segment_profiles` of the RFM table by its labels.

    Raises what `read_transactions` raises for a bad log.
    """
    raise NotImplementedError("Task 7: the steps in order, one seed for every random one")


def project_2d(features: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Project the rows on their first two principal components, for a scatter plot.

    Returns the (n, 2) coordinates and the (2,) share of the variance each
    component keeps (sklearn's PCA with random_state=seed: `fit_transform` and
    `explained_variance_ratio_`). The share tells the reader how much of the
    picture the flat view leaves out.
    """
    raise NotImplementedError(
        "Task 7: fit a 2-component PCA; its coordinates and explained variance ratio"
    )
