"""k-means from scratch: k-means++ seeding, Lloyd's iterations, and restarts.

k-means looks for k centres that minimise the inertia, the sum over all points
of the squared distance to their nearest centre. Lloyd's algorithm alternates
two steps that can only lower it: assign each point to its nearest centre, then
move each centre to the mean of its points. It stops at a local minimum that
depends on where the centres started, hence careful seeding (k-means++, Arthur
and Vassilvitskii, 2007) and several restarts that keep the best.
"""

from dataclasses import dataclass

import numpy as np

MAX_ITER = 300  # Lloyd's iterations per run; scikit-learn's default too
N_INIT = 4  # seeded restarts; the run with the lowest inertia wins


@dataclass(frozen=True)
class KMeansResult:
    """A fitted k-means: its centres, each point's cluster, the inertia, iterations run."""

    centres: np.ndarray  # (k, d)
    labels: np.ndarray  # (n,) ints in range(k)
    inertia: float  # sum of squared distances of the points to their centres
    n_iter: int


def kmeans_plusplus(features: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Choose k initial centres among the rows of `features` by k-means++ (D² sampling).

    The first centre is a row drawn uniformly. Each next centre is a row drawn
    with probability proportional to its squared distance to the nearest centre
    chosen so far: far-away rows are likely, rows already on a centre never
    chosen (unless every row is, when there are fewer distinct rows than k; then
    draw uniformly). Returns a (k, d) float array of copies of the chosen rows.
    Raises ValueError unless 1 <= k <= the number of rows.
    """
    raise NotImplementedError(
        "Task 3: first centre uniform, each next one drawn with weights D(x)²"
    )


def assign_clusters(features: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each row's nearest centre (ties: the lowest index) and its squared distance to it.

    Shapes: features (n, d), centres (k, d) -> labels (n,) ints, distances (n,) floats.
    """
    raise NotImplementedError(
        "Task 3: |x - c|² = |x|² - 2 x·c + |c|² for all pairs at once, argmin per row"
    )


def update_centres(
    features: np.ndarray, labels: np.ndarray, distances: np.ndarray, k: int
) -> np.ndarray:
    """Return the (k, d) mean of each cluster's rows: Lloyd's update step.

    A cluster left without rows would have no mean; move its centre to the row
    that is farthest from its own centre (largest `distances`), a different row
    for each empty cluster, as scikit-learn does: that row is the worst served.
    """
    raise NotImplementedError(
        "Task 3: mean of each cluster; an empty cluster takes the worst-served row"
    )


def lloyd(
    features: np.ndarray, initial_centres: np.ndarray, max_iter: int = MAX_ITER
) -> KMeansResult:
    """Run Lloyd's algorithm from `initial_centres` until no row changes cluster, or max_iter.

    Assign the rows to the initial centres (`assign_clusters`); then, up to
    max_iter assignments in all, move the centres to their rows' means
    (`update_centres`) and assign again, until an assignment changes no label.
    The result's labels and inertia belong to its final centres: each label is
    the row's nearest centre and, once converged, each centre is the mean of its
    rows. n_iter counts the assignments made.
    """
    raise NotImplementedError(
        "Task 3: assign, then update and assign again until the labels stop changing"
    )


def kmeans(features: np.ndarray, k: int, seed: int = 0, n_init: int = N_INIT) -> KMeansResult:
    """Fit k-means: n_init runs of `lloyd`, each from `kmeans_plusplus` centres; keep the best.

    One numpy Generator, `np.random.default_rng(seed)`, seeds every run in turn,
    so the result is the same for the same seed. The best run has the lowest inertia.
    """
    raise NotImplementedError(
        "Task 3: n_init seeded runs from k-means++ centres; keep the lowest inertia"
    )
