"""Half-space trees (Tan, Ting and Liu, 2011): a streaming cousin of the isolation forest.

Each tree cuts the feature space in half at random, `height` times over, before any
data is seen. A reading falls down one path of each tree; the trees count how many
readings of a window went through each node. A reading that falls where few readings
of the last window went is unusual. Two masses per node make it streaming: `latest`
counts the window being filled, `reference` the last full window, and each time a
window fills, latest becomes reference and starts again at 0. Memory is fixed: the
trees, whatever the length of the stream.

The trees are built here exactly as `river.anomaly.HalfSpaceTrees` builds them, from
the same `random.Random(seed)`, so that with the same seed your scores and river's
must be equal.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

PADDING = 0.15  # no cut in the outer 15% of a node's range on either side
SIZE_LIMIT_SHARE = 0.1  # scoring stops at a node whose reference mass is below this share


@dataclass
class Node:
    """A node of a half-space tree: a cut (feature < threshold goes left) or a leaf."""

    depth: int
    feature: int | None = None
    threshold: float = 0.0
    left: Node | None = None
    right: Node | None = None
    latest: int = 0  # readings of the window being filled that went through this node
    reference: int = 0  # readings of the last full window that went through this node

    @property
    def is_leaf(self) -> bool:
        return self.left is None


def build_tree(limits: list[tuple[float, float]], height: int, rng: random.Random) -> Node:
    """A random tree of the given height over the box `limits` (one (low, high) per feature).

    Draws from `rng` in river's order: at each node, the feature (weighted by the width of
    its range), then the cut (uniform in the range without its padded edges), then the
    left subtree, then the right one.
    """
    return _build(list(limits), height, rng, depth=0)


def _build(limits: list[tuple[float, float]], height: int, rng: random.Random, depth: int) -> Node:
    if height == 0:
        return Node(depth=depth)
    widths = [high - low for low, high in limits]
    feature = rng.choices(population=list(range(len(limits))), weights=widths)[0]
    low, high = limits[feature]
    threshold = rng.uniform(low + PADDING * (high - low), high - PADDING * (high - low))
    limits[feature] = (low, threshold)
    left = _build(limits, height - 1, rng, depth + 1)
    limits[feature] = (threshold, high)
    right = _build(limits, height - 1, rng, depth + 1)
    limits[feature] = (low, high)
    return Node(depth, feature, threshold, left, right)


class HalfSpaceTrees:
    """An ensemble of `n_trees` half-space trees over windows of `window_size` readings.

    `limits` gives each feature's (low, high) range: the trees cut inside it.
    """

    def __init__(
        self,
        limits: Sequence[tuple[float, float]],
        n_trees: int = 10,
        height: int = 8,
        window_size: int = 250,
        seed: int | None = None,
    ) -> None:
        rng = random.Random(seed)
        self.trees = [build_tree(list(limits), height, rng) for _ in range(n_trees)]
        self.n_trees = n_trees
        self.height = height
        self.window_size = window_size
        self.seen_in_window = 0
        self.first_window = True

    def path(self, tree: Node, x: np.ndarray) -> list[Node]:
        """The nodes `x` passes through in `tree`, from the root to a leaf."""
        nodes = [tree]
        while not nodes[-1].is_leaf:
            node = nodes[-1]
            nodes.append(node.left if x[node.feature] < node.threshold else node.right)
        return nodes

    def learn_one(self, x: np.ndarray) -> None:
        """Count `x` in the latest mass of every node on its path in every tree.

        When the window is full (window_size readings learnt since the last swap), every
        node of every tree takes reference = latest and latest = 0.
        """
        # BEGIN SOLUTION (task 2): latest + 1 along each path; swap the masses when a window fills
        for tree in self.trees:
            for node in self.path(tree, x):
                node.latest += 1
        self.seen_in_window += 1
        if self.seen_in_window == self.window_size:
            for tree in self.trees:
                stack = [tree]
                while stack:
                    node = stack.pop()
                    node.reference, node.latest = node.latest, 0
                    if not node.is_leaf:
                        stack.extend((node.left, node.right))
            self.seen_in_window = 0
            self.first_window = False
        # END SOLUTION

    def score_one(self, x: np.ndarray) -> float:
        """How unusual `x` is, in [0, 1]: 0 until the first window is full.

        Along each path, add reference * 2 ** depth of each node, stopping after the
        first node whose reference mass is below SIZE_LIMIT_SHARE * window_size. The sum
        over the trees, divided by its largest possible value,
        n_trees * window_size * (2 ** (height + 1) - 1), is the mass score: the anomaly
        score is 1 minus it.
        """
        # BEGIN SOLUTION (task 2): mass * 2**depth along each path, stop under the size limit
        if self.first_window:
            return 0.0
        size_limit = SIZE_LIMIT_SHARE * self.window_size
        total = 0.0
        for tree in self.trees:
            for node in self.path(tree, x):
                total += node.reference * 2**node.depth
                if node.reference < size_limit:
                    break
        largest = self.n_trees * self.window_size * (2 ** (self.height + 1) - 1)
        return 1.0 - total / largest
        # END SOLUTION


def progressive_scores(detector: HalfSpaceTrees, rows: np.ndarray) -> np.ndarray:
    """Score each row, then learn it, in order: what a streaming detector would have said."""
    # BEGIN SOLUTION (task 2): score_one before learn_one, row by row
    scores = np.empty(len(rows))
    for i, row in enumerate(rows):
        scores[i] = detector.score_one(row)
        detector.learn_one(row)
    return scores
    # END SOLUTION


def isolation_forest_scores(
    train: np.ndarray, rows: np.ndarray, seed: int, n_estimators: int = 100
) -> np.ndarray:
    """The batch contrast: fit scikit-learn's IsolationForest on `train`, score `rows`.

    Higher means more unusual (the negated score_samples), as for half-space trees.
    """
    # BEGIN SOLUTION (task 2): IsolationForest(n_estimators, random_state=seed), -score_samples
    from sklearn.ensemble import IsolationForest

    forest = IsolationForest(n_estimators=n_estimators, random_state=seed).fit(train)
    return -forest.score_samples(rows)
    # END SOLUTION
