"""Measure recommenders: rating error, and the quality of each user's top-k list.

Two questions, two kinds of metric. "How far off is the predicted star rating?"
is RMSE over the held-out ratings. "Would the user want what we show them?" is
a ranking question: take each user's top k movies among those they have not
rated yet, and compare them with the held-out movies they liked (rated at least
`RELEVANT_RATING`). Precision@k, recall@k and NDCG@k score one user's list; the
figures reported are their means over the users with at least one liked
held-out movie. Catalogue coverage asks how much of the catalogue all those
lists together ever show.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
from scipy import sparse

from recommender.data import rating_matrix

TOP_K = 10
RELEVANT_RATING = 4.0


class Ranker(Protocol):
    """Anything that scores every movie of the catalogue for some users."""

    def scores(self, users: np.ndarray) -> np.ndarray:
        """Return an array (len(users), n_items): higher means recommend sooner."""
        ...


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Return the root mean squared error of the predicted ratings `y_pred` against `y_true`.

    The true ratings come first, as in scikit-learn's metrics. Raise
    `ValueError` when the two have different lengths or are empty: a silently
    broadcast or empty comparison would report a meaningless figure.
    """
    # BEGIN SOLUTION (task 2): check the lengths, then the square root of the mean squared error
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError(
            f"RMSE needs as many predictions as ratings, and at least one: got "
            f"{y_true.shape} ratings and {y_pred.shape} predictions"
        )
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))
    # END SOLUTION


def recommend(scores: np.ndarray, seen: sparse.sparray, k: int = TOP_K) -> np.ndarray:
    """Return each row's k best items, best first, never one the user has already rated.

    `scores` is (users, n_items); `seen` is a sparse matrix of the same shape
    whose nonzero entries mark the movies each user rated in training. Return an
    integer array (users, k) of item codes in decreasing order of score; among
    equal scores the lower item code comes first, so the lists are the same on
    every machine (a stable sort of each whole row by -score would give them).
    Do not change `scores`. Sorting whole rows of 9,000 scores is wasteful when
    you need 10: `np.partition` finds each row's k-th best score in linear time,
    and only the items at or above it need sorting.
    """
    # BEGIN SOLUTION (task 2): mask the seen; keep what beats the k-th best; fill its ties by code
    # BEGIN PROMPT
    # masked = np.array(scores, dtype=np.float64)
    # masked[sparse.csr_array(seen).nonzero()] = -np.inf
    # kth_best = ...  # (users, 1): each row's k-th highest masked score (np.partition)
    # better = ...  # the items strictly above it: all of them are in the list
    # tied = ...  # the items equal to it: the lowest codes fill the places left
    # chosen = ...  # (users, n_items) booleans, exactly k True per row
    # items = ...  # np.nonzero(chosen) lists each row's k codes in increasing order
    # ...  # order each row by decreasing score, then increasing code (np.lexsort)
    # END PROMPT
    masked = np.array(scores, dtype=np.float64)
    masked[sparse.csr_array(seen).nonzero()] = -np.inf
    kth_best = -np.partition(-masked, k - 1, axis=1)[:, k - 1 : k]
    better = masked > kth_best
    tied = masked == kth_best
    places_left = k - better.sum(axis=1, keepdims=True)
    chosen = better | (tied & (np.cumsum(tied, axis=1) <= places_left))
    items = np.nonzero(chosen)[1].reshape(len(masked), k)
    chosen_scores = np.take_along_axis(masked, items, axis=1)
    order = np.lexsort((items, -chosen_scores), axis=1)
    return np.take_along_axis(items, order, axis=1)
    # END SOLUTION


def precision_at_k(relevant: Iterable[int], recommended: Sequence[int], k: int = TOP_K) -> float:
    """Return the share of the first k `recommended` items that are in `relevant`.

    The truth (the user's relevant items) comes first, as in every metric of
    this kata. The denominator is k even when fewer than k items were
    recommended: an empty slot is a slot wasted.
    """
    # BEGIN SOLUTION (task 2): count the relevant items among the first k, divide by k
    relevant = set(relevant)
    return sum(item in relevant for item in recommended[:k]) / k
    # END SOLUTION


def recall_at_k(relevant: Iterable[int], recommended: Sequence[int], k: int = TOP_K) -> float:
    """Return the share of the `relevant` items found in the first k `recommended`.

    Raise `ValueError` when there is no relevant item: recall is undefined then,
    and such users are left out of the means.
    """
    # BEGIN SOLUTION (task 2): count the relevant items among the first k, divide by their total
    relevant = set(relevant)
    if not relevant:
        raise ValueError("recall is undefined for a user with no relevant item")
    return sum(item in relevant for item in recommended[:k]) / len(relevant)
    # END SOLUTION


def ndcg_at_k(relevant: Iterable[int], recommended: Sequence[int], k: int = TOP_K) -> float:
    """Return the normalised discounted cumulative gain of the first k `recommended`.

    A relevant item at rank r (1 for the first) gains 1 / log2(r + 1): the top
    of the list counts most. DCG sums those gains; the ideal DCG is the DCG of
    a list with all the relevant items first (min(len(relevant), k) of them),
    and NDCG = DCG / ideal DCG, 1 for a perfect list and 0 without a hit. Raise
    `ValueError` when there is no relevant item.
    """
    # BEGIN SOLUTION (task 2): sum 1/log2(rank + 1) over the hits, divide by the ideal sum
    relevant = set(relevant)
    if not relevant:
        raise ValueError("NDCG is undefined for a user with no relevant item")
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    hits = np.array([item in relevant for item in recommended[:k]], dtype=bool)
    dcg = float(np.sum(discounts[: len(hits)][hits]))
    ideal = float(np.sum(discounts[: min(len(relevant), k)]))
    return dcg / ideal
    # END SOLUTION


def catalogue_coverage(recommendations: Iterable[Iterable[int]], n_items: int) -> float:
    """Return the share of the catalogue's n_items movies that appear in any list."""
    # BEGIN SOLUTION (task 2): collect the distinct items of all lists, divide by n_items
    shown = {int(item) for items in recommendations for item in items}
    return len(shown) / n_items
    # END SOLUTION


def relevant_items(test: pd.DataFrame, threshold: float = RELEVANT_RATING) -> dict[int, set[int]]:
    """Return, for each user with at least one, the held-out items rated >= threshold."""
    liked = test[test["rating"] >= threshold]
    return {int(user): set(group["item"].tolist()) for user, group in liked.groupby("user")}


def ranking_report(
    model: Ranker,
    train: pd.DataFrame,
    test: pd.DataFrame,
    n_users: int,
    n_items: int,
    k: int = TOP_K,
) -> dict[str, float]:
    """Return the mean precision@k, recall@k and NDCG@k, and the coverage, of a model.

    Every user with a liked held-out movie is evaluated (no sampling): the model
    scores the whole catalogue for them, the movies they rated in `train` are
    excluded, and their top k is compared with their liked held-out movies.
    """
    relevant = relevant_items(test)
    users = np.array(sorted(relevant))
    seen = rating_matrix(train, n_users, n_items, np.ones(len(train)))[users]
    lists = recommend(model.scores(users), seen, k)
    liked = [relevant[user] for user in users]

    def mean_of(score) -> float:
        pairs = zip(lists, liked, strict=True)
        return float(np.mean([score(wanted, items, k) for items, wanted in pairs]))

    return {
        "precision": mean_of(precision_at_k),
        "recall": mean_of(recall_at_k),
        "ndcg": mean_of(ndcg_at_k),
        "coverage": catalogue_coverage(lists, n_items),
    }


def plot_reports(reports: dict[str, dict[str, float]], path: Path) -> Path:
    """Draw each model's NDCG@k against its catalogue coverage, and save it as a PNG.

    The picture of the trade-off: popularity is accurate-ish and shows a sliver
    of the catalogue; content shows much of it and rarely hits; the aim is up
    and to the right.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 4.5), dpi=100)
    axes = figure.subplots()
    for name, report in reports.items():
        axes.scatter(report["coverage"], report["ndcg"], s=50)
        axes.annotate(
            name, (report["coverage"], report["ndcg"]), xytext=(5, 5), textcoords="offset points"
        )
    axes.set_xscale("log")
    axes.set_xlabel("catalogue coverage of the top-10 lists (log scale)")
    axes.set_ylabel("mean NDCG@10 on the held-out ratings")
    axes.set_title("Accuracy against reach, per model")
    axes.grid(True, alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, format="png")
    return path
