"""The system end to end: the feature store feeds the model, evaluated prequentially.

Prequential evaluation ("predict, then learn") is how an online model is judged: each
impression is first scored by the model as it stood when the slate was served, and
only then learnt from. Every prediction is made on data the model has not seen, and
the score follows the model through time, drift included, with no split to choose.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np
import pandas as pd

from streamrec.features import EVENT_FIELDS, OnlineFeatureStore
from streamrec.learner import DEFAULT_BUCKETS, DEFAULT_SALT, OnlineLogisticRegression, hash_features

HOUR_BLOCK = 6  # the day in four parts: night, morning, afternoon, evening


class OnlineModel(Protocol):
    """What ``prequential`` needs of a model: ``OnlineLogisticRegression`` is one."""

    def predict_proba(self, x: Mapping[int, float]) -> float: ...

    def learn(self, x: Mapping[int, float], y: int) -> None: ...


def raw_features(
    user: int, item: int, hour: int, position: int, served: Mapping[str, float]
) -> dict[str, object]:
    """The named features of one impression, from its event and the store's read.

    The position is a feature so that the model learns the position bias apart from
    the item: to rank a slate, score every item at position 1.
    """
    return {
        "item": item,
        "position": position,
        "item_daypart": f"{item}@{hour // HOUR_BLOCK}",
        "user_item": f"{user}:{item}",
        "user_ctr": float(served["user_ctr"]),
        "item_ctr": float(served["item_ctr"]),
    }


def default_model() -> OnlineLogisticRegression:
    """The model of the kata's figures."""
    return OnlineLogisticRegression(lr=0.08, l2=0.01, intercept_lr=0.02)


def prequential(
    log: pd.DataFrame,
    model: OnlineModel,
    store: OnlineFeatureStore,
    n_buckets: int = DEFAULT_BUCKETS,
    salt: str = DEFAULT_SALT,
) -> np.ndarray:
    """Score every impression of ``log`` before learning from it; return the scores.

    Go through the log one second at a time, in time order (the log may come in any
    order; the impressions of one second stay in the log's order). For each second,
    first serve all its impressions: read the store at the impression's timestamp,
    build ``raw_features``, hash them (``n_buckets``, ``salt``) and record
    ``model.predict_proba``. Then, for each impression of that second, ``model.learn``
    from its click and ``store.ingest`` its event. Returns the probabilities in the
    row order of ``log``.
    """
    raise NotImplementedError(
        "Task 4: per second, serve all (read, hash, predict), then learn and ingest"
    )
