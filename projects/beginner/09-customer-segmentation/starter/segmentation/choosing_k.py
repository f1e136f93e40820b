"""How many segments? Two rules of thumb, computed from the same k-means runs.

- The elbow: inertia always falls as k grows (more centres, shorter distances),
  but it falls fast while each new centre splits a real group and slowly after.
  The elbow is the k where the curve bends most.
- The silhouette (Rousseeuw, 1987): for each point, a = its mean distance to the
  rest of its own cluster, b = its mean distance to the nearest other cluster,
  s = (b - a) / max(a, b), from -1 (misplaced) to 1 (well inside its cluster);
  the score of a clustering is the mean s. Pick the k that maximises it. It
  costs n² distances, so it is estimated on a seeded sample of points.

The two need not agree, and neither knows what the business can act on.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

K_RANGE = range(2, 9)  # the candidate numbers of segments
SILHOUETTE_SAMPLE = 2_000  # points the silhouette is estimated on (it costs n² distances)
CURVES_FIGURE_SIZE = (9.8, 3.6)  # inches: two panels side by side


@dataclass(frozen=True)
class KCurves:
    """The inertia and silhouette of the best k-means at each candidate k, aligned by position."""

    ks: np.ndarray  # (m,) ints, increasing
    inertias: np.ndarray  # (m,) floats
    silhouettes: np.ndarray  # (m,) floats in [-1, 1]


def k_curves(
    features: np.ndarray,
    ks: Sequence[int] = K_RANGE,
    seed: int = 0,
    sample_size: int = SILHOUETTE_SAMPLE,
) -> KCurves:
    """Fit `kmeans(features, k, seed)` for each k; record its inertia and its silhouette.

    The silhouette is sklearn's `silhouette_score` on the rows of
    `segmentation.data.sample_rows(len(features), sample_size, seed)`: the same
    sample for every k, so that the scores compare like with like.
    """
    raise NotImplementedError(
        "Task 4: one k-means per k; its inertia, and its silhouette on one sample"
    )


def elbow_k(curves: KCurves) -> int:
    """Return the k at the elbow of the inertia curve.

    Rescale both axes to [0, 1] (k from its smallest to its largest candidate,
    inertia from its smallest to its largest value), draw the straight line from
    the first point of the curve to the last, and return the k whose point lies
    farthest below that line (the "kneedle" rule of Satopää et al., 2011). Ties
    go to the smallest k. Needs at least three candidates.
    """
    raise NotImplementedError(
        "Task 4: rescale both axes to [0, 1]; the k farthest below the chord wins"
    )


def silhouette_k(curves: KCurves) -> int:
    """Return the k with the highest silhouette (ties: the smallest k)."""
    raise NotImplementedError("Task 4: the argmax of the silhouette curve")


def plot_k_curves(curves: KCurves, chosen_k: int) -> Figure:
    """Draw inertia and silhouette against k side by side, the chosen k marked."""
    fig = Figure(figsize=CURVES_FIGURE_SIZE)
    left, right = fig.subplots(1, 2)
    for ax, values, label in (
        (left, curves.inertias, "inertia (lower is tighter)"),
        (right, curves.silhouettes, "silhouette (higher is better)"),
    ):
        ax.plot(curves.ks, values, marker="o")
        ax.axvline(chosen_k, color="grey", linestyle="--", label=f"k = {chosen_k}")
        ax.set_xlabel("k, the number of segments")
        ax.set_ylabel(label)
        ax.legend()
    fig.suptitle("How many segments?")
    return fig
