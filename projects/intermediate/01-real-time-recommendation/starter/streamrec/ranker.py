"""Serve a slate: rank the catalogue for one user at one moment, and judge the ranking.

To rank, every candidate item is scored as if it were shown first (``position=1``): the
model learnt the position bias as a feature of its own, so fixing the position ranks
the items by what is left, the user's and the item's own pull. A ranking is judged by
its hit rate at ``k``: the share of clicks whose item the top ``k`` held.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from streamrec.features import EVENT_FIELDS, OnlineFeatureStore
from streamrec.learner import DEFAULT_BUCKETS, DEFAULT_SALT, hash_features
from streamrec.pipeline import OnlineModel, raw_features

TOP_POSITION = 1
SLATE_SIZE = 10


def top_k(scores: Sequence[float], candidates: Sequence[int], k: int) -> list[int]:
    """The ``k`` candidates of highest score, best first; a tie goes to the lower item id."""
    order = sorted(range(len(candidates)), key=lambda index: (-scores[index], candidates[index]))
    return [int(candidates[index]) for index in order[:k]]


def popular(
    store: OnlineFeatureStore, user: int, t: int, candidates: Sequence[int], k: int = SLATE_SIZE
) -> list[int]:
    """The baseline: the ``k`` candidates of highest windowed item CTR at ``t``."""
    rates = [store.read(user, item, t)["item_ctr"] for item in candidates]
    return top_k(rates, candidates, k)


def recommend(
    model: OnlineModel,
    store: OnlineFeatureStore,
    user: int,
    t: int,
    hour: int,
    candidates: Sequence[int],
    k: int = SLATE_SIZE,
    n_buckets: int = DEFAULT_BUCKETS,
    salt: str = DEFAULT_SALT,
) -> list[int]:
    """The slate for ``user`` at time ``t`` (hour of the day ``hour``): the top ``k`` candidates.

    Each candidate is scored by ``model.predict_proba`` of its hashed ``raw_features``
    at position ``TOP_POSITION``, with the store's features read at ``t``; ``top_k``
    does the rest.
    """
    raise NotImplementedError(
        "Task 8: read, build the features at position 1, hash, score; then top_k"
    )


def hit_rates(
    log: pd.DataFrame,
    model: OnlineModel,
    store: OnlineFeatureStore,
    candidates: Sequence[int],
    k: int = SLATE_SIZE,
    n_buckets: int = DEFAULT_BUCKETS,
    salt: str = DEFAULT_SALT,
) -> tuple[float, float]:
    """The hit rates at ``k`` of ``recommend`` and of ``popular`` over the clicks of ``log``.

    The model is deployed as it is and does not learn; the store goes on ingesting.
    One second at a time, in time order: for each clicked impression of the second,
    ask both rankers for a slate for its user at its timestamp, and count a hit for
    each whose slate holds the clicked item; then ingest every event of the second.
    Returns ``(model's hit rate, popularity's hit rate)``; a log without a click
    raises ``ValueError``.
    """
    raise NotImplementedError(
        "Task 8: per second, rank for each click (both rankers), then ingest all"
    )
