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
    # BEGIN SOLUTION (task 3): first centre uniform, each next one drawn with weights D(x)²
    n_rows = len(features)
    if not 1 <= k <= n_rows:
        raise ValueError(f"k must be between 1 and the number of rows ({n_rows}), got {k}")
    centres = np.empty((k, features.shape[1]))
    centres[0] = features[rng.integers(n_rows)]
    nearest = np.sum((features - centres[0]) ** 2, axis=1)
    for index in range(1, k):
        cumulative = np.cumsum(nearest)
        if cumulative[-1] > 0:
            chosen = np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right")
        else:
            chosen = rng.integers(n_rows)
        centres[index] = features[chosen]
        nearest = np.minimum(nearest, np.sum((features - centres[index]) ** 2, axis=1))
    return centres
    # END SOLUTION


def assign_clusters(features: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each row's nearest centre (ties: the lowest index) and its squared distance to it.

    Shapes: features (n, d), centres (k, d) -> labels (n,) ints, distances (n,) floats.
    """
    # BEGIN SOLUTION (task 3): |x - c|² = |x|² - 2 x·c + |c|² for all pairs at once, argmin per row
    squared = (
        np.sum(features**2, axis=1)[:, np.newaxis]
        - 2 * features @ centres.T
        + np.sum(centres**2, axis=1)[np.newaxis, :]
    )
    labels = np.argmin(squared, axis=1)
    return labels, np.maximum(squared[np.arange(len(features)), labels], 0.0)
    # END SOLUTION


def update_centres(
    features: np.ndarray, labels: np.ndarray, distances: np.ndarray, k: int
) -> np.ndarray:
    """Return the (k, d) mean of each cluster's rows: Lloyd's update step.

    A cluster left without rows would have no mean; move its centre to the row
    that is farthest from its own centre (largest `distances`), a different row
    for each empty cluster, as scikit-learn does: that row is the worst served.
    """
    # BEGIN SOLUTION (task 3): mean of each cluster; an empty cluster takes the worst-served row
    counts = np.bincount(labels, minlength=k)
    sums = np.column_stack(
        [np.bincount(labels, weights=column, minlength=k) for column in features.T]
    )
    centres = sums / np.maximum(counts, 1)[:, np.newaxis]
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        centres[empty] = features[np.argsort(distances)[::-1][: empty.size]]
    return centres
    # END SOLUTION


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
    # BEGIN SOLUTION (task 3): assign, then update and assign again until the labels stop changing
    centres = np.array(initial_centres, dtype=np.float64)
    labels, distances = assign_clusters(features, centres)
    n_iter = 1
    while n_iter < max_iter:
        centres = update_centres(features, labels, distances, len(centres))
        new_labels, distances = assign_clusters(features, centres)
        n_iter += 1
        converged = np.array_equal(new_labels, labels)
        labels = new_labels
        if converged:
            break
    return KMeansResult(centres, labels, float(distances.sum()), n_iter)
    # END SOLUTION


def kmeans(features: np.ndarray, k: int, seed: int = 0, n_init: int = N_INIT) -> KMeansResult:
    """Fit k-means: n_init runs of `lloyd`, each from `kmeans_plusplus` centres; keep the best.

    One numpy Generator, `np.random.default_rng(seed)`, seeds every run in turn,
    so the result is the same for the same seed. The best run has the lowest inertia.
    """
    # BEGIN SOLUTION (task 3): n_init seeded runs from k-means++ centres; keep the lowest inertia
    rng = np.random.default_rng(seed)
    runs = [lloyd(features, kmeans_plusplus(features, k, rng)) for _ in range(n_init)]
    return min(runs, key=lambda run: run.inertia)
    # END SOLUTION
