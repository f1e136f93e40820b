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
    # BEGIN SOLUTION (task 8): read, build the features at position 1, hash, score; then top_k
    scores = []
    for item in candidates:
        served = store.read(user, item, t)
        raw = raw_features(user, item, hour, TOP_POSITION, served)
        scores.append(model.predict_proba(hash_features(raw, n_buckets=n_buckets, salt=salt)))
    return top_k(scores, candidates, k)
    # END SOLUTION


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
    # BEGIN SOLUTION (task 8): per second, rank for each click (both rankers), then ingest all
    events = log[[*EVENT_FIELDS, "hour"]].to_numpy(dtype=np.int64)
    order = np.argsort(events[:, 0], kind="stable")
    seconds = np.split(order, np.flatnonzero(np.diff(events[order, 0])) + 1)
    hits = np.zeros(2)
    clicks = 0
    for second in seconds:
        for row in second:
            timestamp, user, item, clicked, hour = events[row].tolist()
            if clicked:
                clicks += 1
                hits[0] += item in recommend(
                    model, store, user, timestamp, hour, candidates, k, n_buckets, salt
                )
                hits[1] += item in popular(store, user, timestamp, candidates, k)
        for row in second:
            store.ingest(dict(zip(EVENT_FIELDS, events[row, :4].tolist(), strict=True)))
    if clicks == 0:
        raise ValueError("the log has no click to judge a ranking by")
    return float(hits[0] / clicks), float(hits[1] / clicks)
    # END SOLUTION
