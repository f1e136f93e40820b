"""Four clustering families on the same points, side by side.

k-means draws round clusters of similar spread around centres. A Gaussian
mixture fits an ellipsoid of its own shape and size to each cluster and assigns
points by probability. DBSCAN (Ester et al., 1996) grows clusters from dense
regions and calls whatever is sparse noise (label -1); it chooses the number of
clusters itself. Agglomerative clustering with Ward linkage merges, bottom up,
the two clusters whose merge raises the inertia least. scikit-learn does all
the clustering here; the lesson is to run them fairly and to read the table.
"""

from collections.abc import Mapping

import numpy as np
import pandas as pd
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans  # SOLUTION
from sklearn.metrics import adjusted_rand_score, silhouette_score  # SOLUTION
from sklearn.mixture import GaussianMixture  # SOLUTION
from sklearn.neighbors import NearestNeighbors

from segmentation.data import sample_rows
from segmentation.kmeans import N_INIT, kmeans  # SOLUTION

ALGORITHMS = (
    "k-means (yours)",
    "KMeans (scikit-learn)",
    "Gaussian mixture",
    "DBSCAN",
    "Agglomerative (Ward)",
)
TABLE_COLUMNS = ("clusters", "noise", "silhouette", "ari")
NOISE = -1  # DBSCAN's label for a point in no cluster
COMPARISON_SAMPLE = 3_000  # agglomerative clustering and the silhouette cost n² each
DBSCAN_MIN_SAMPLES_PER_FEATURE = 2  # min_samples = 2 x the dimension (Sander et al., 1998)
DBSCAN_EPS_QUANTILE = 0.9  # eps covers this share of points' k-nearest-neighbour distances


def dbscan_eps(features: np.ndarray, min_samples: int) -> float:
    """DBSCAN's radius from the data: a high quantile of each point's distance to its
    `min_samples`-th nearest neighbour (itself counted), so that most points are core points.

    This is the "k-distance plot" heuristic read off as a number instead of by eye.
    """
    neighbours = NearestNeighbors(n_neighbors=min_samples).fit(features)
    distances, _ = neighbours.kneighbors(features)
    return float(np.quantile(distances[:, -1], DBSCAN_EPS_QUANTILE))


def fit_algorithms(features: np.ndarray, k: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Cluster `features` with each of ALGORITHMS; return {name: labels}, in ALGORITHMS' order.

    - "k-means (yours)": `segmentation.kmeans.kmeans(features, k, seed)`;
    - "KMeans (scikit-learn)": k clusters, n_init=N_INIT, random_state=seed;
    - "Gaussian mixture": k full-covariance components, random_state=seed;
    - "DBSCAN": min_samples = DBSCAN_MIN_SAMPLES_PER_FEATURE x the number of
      features, eps from `dbscan_eps`; it picks its own number of clusters and
      labels noise NOISE;
    - "Agglomerative (Ward)": k clusters, Ward linkage.

    Every labelling is a (n,) int array; every seeded method gets `seed`.
    """
    # BEGIN SOLUTION (task 5): one scikit-learn estimator per family; fit_predict each
    min_samples = DBSCAN_MIN_SAMPLES_PER_FEATURE * features.shape[1]
    return {
        "k-means (yours)": kmeans(features, k, seed).labels,
        "KMeans (scikit-learn)": KMeans(k, n_init=N_INIT, random_state=seed).fit_predict(features),
        "Gaussian mixture": GaussianMixture(k, random_state=seed).fit_predict(features),
        "DBSCAN": DBSCAN(
            eps=dbscan_eps(features, min_samples), min_samples=min_samples
        ).fit_predict(features),
        "Agglomerative (Ward)": AgglomerativeClustering(k, linkage="ward").fit_predict(features),
    }
    # END SOLUTION


def comparison_table(
    features: np.ndarray,
    labelings: Mapping[str, np.ndarray],
    truth: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per labelling (index: its name, in the mapping's order), TABLE_COLUMNS:

    - clusters: the number of distinct labels, NOISE not counted;
    - noise: the share of points labelled NOISE (0.0 for every method but DBSCAN);
    - silhouette: sklearn's `silhouette_score` of the points not labelled NOISE,
      NaN when they form fewer than two clusters;
    - ari: `adjusted_rand_score(truth, labels)` over all points (noise is one more
      label), NaN without `truth`. 1 is a perfect match, 0 what chance gives.
    """
    # BEGIN SOLUTION (task 5): per labelling: clusters, noise share, silhouette without noise, ARI
    rows = {}
    for name, labels in labelings.items():
        labels = np.asarray(labels)
        clustered = labels != NOISE
        clusters = len(np.unique(labels[clustered]))
        rows[name] = {
            "clusters": clusters,
            "noise": float(np.mean(~clustered)),
            "silhouette": (
                silhouette_score(features[clustered], labels[clustered])
                if clusters >= 2
                else np.nan
            ),
            "ari": np.nan if truth is None else adjusted_rand_score(truth, labels),
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(TABLE_COLUMNS))
    # END SOLUTION


def compare_on_sample(
    features: np.ndarray,
    k: int,
    seed: int = 0,
    truth: np.ndarray | None = None,
    sample_size: int = COMPARISON_SAMPLE,
) -> pd.DataFrame:
    """Fit and tabulate every algorithm on one seeded sample of rows (all rows if few enough).

    Every method sees the same points, so the rows of the table compare fairly.
    """
    rows = sample_rows(len(features), sample_size, seed)
    sample = features[rows]
    return comparison_table(
        sample, fit_algorithms(sample, k, seed), None if truth is None else truth[rows]
    )
