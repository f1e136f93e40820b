"""An online click model: hashed features and a logistic regression learnt one event at a time.

The catalogue, the users and their combinations grow without end, so a feature is not
looked up in a vocabulary: its name is hashed into one of ``n_buckets`` weights (the
hashing trick). The model then takes one stochastic gradient step per event, so it is
always up to date and never needs the whole log in memory. ``river``'s
``linear_model.LogisticRegression(optim.SGD(lr), l2=l2, intercept_lr=intercept_lr)``
is the same model; the tests hold yours to it, prediction by prediction.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping

from scipy.special import expit

DEFAULT_BUCKETS = 2**18
DEFAULT_SALT = "streamrec"


def hash_features(
    raw: Mapping[str, object], n_buckets: int = DEFAULT_BUCKETS, salt: str = DEFAULT_SALT
) -> dict[int, float]:
    """Hash named features into a sparse vector ``{bucket: value}``.

    A ``str`` or ``int`` value is a category: its token is ``f"{name}={value}"`` and its
    value 1.0. A ``float`` is a number: its token is ``name`` and its value the float
    (a NaN or an infinity raises ``ValueError`` naming the feature). The bucket of a
    token is ``zlib.crc32(f"{salt}|{token}".encode("utf-8")) % n_buckets``: a stable
    hash (Python's ``hash`` of a string changes from one process to the next). Two
    tokens in one bucket add up. Any other type raises ``TypeError`` naming the feature.
    """
    # BEGIN SOLUTION (task 3): a token per feature, its crc32 with the salt, modulo n_buckets
    vector: dict[int, float] = {}
    for name, value in raw.items():
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError(f"feature {name!r} is not a finite number: {value!r}")
            token, weight = name, value
        elif isinstance(value, str | int):
            token, weight = f"{name}={value}", 1.0
        else:
            raise TypeError(f"feature {name!r} must be a str, an int or a float, got {value!r}")
        bucket = zlib.crc32(f"{salt}|{token}".encode()) % n_buckets
        vector[bucket] = vector.get(bucket, 0.0) + weight
    return vector
    # END SOLUTION


class OnlineLogisticRegression:
    """Logistic regression by stochastic gradient descent, one event at a time.

    ``lr`` is the step of the weights, ``intercept_lr`` the step of the intercept
    (``lr`` when ``None``), and ``l2`` the ridge penalty, applied lazily: only to the
    weights of the features present in the event being learnt.
    """

    def __init__(self, lr: float = 0.05, l2: float = 0.0, intercept_lr: float | None = None):
        self.lr = lr
        self.l2 = l2
        self.intercept_lr = lr if intercept_lr is None else intercept_lr
        self.weights: dict[int, float] = {}
        self.intercept = 0.0

    def logit(self, x: Mapping[int, float]) -> float:
        """The intercept plus the dot product of the weights with ``x`` (unseen weights are 0)."""
        return self.intercept + sum(self.weights.get(key, 0.0) * value for key, value in x.items())

    def predict_proba(self, x: Mapping[int, float]) -> float:
        """The probability of a click: the sigmoid of the logit."""
        return float(expit(self.logit(x)))

    def learn(self, x: Mapping[int, float], y: int) -> None:
        """One gradient step on the log loss of ``(x, y)``, ``y`` 0 or 1.

        With ``error = predict_proba(x) - y`` (computed once, before any change), each
        weight ``j`` of ``x`` moves by ``-lr * (error * x[j] + l2 * weight[j])`` and the
        intercept by ``-intercept_lr * error``.
        """
        # BEGIN SOLUTION (task 3): the error first, then every weight of x and the intercept
        error = self.predict_proba(x) - y
        for key, value in x.items():
            weight = self.weights.get(key, 0.0)
            self.weights[key] = weight - self.lr * (error * value + self.l2 * weight)
        self.intercept -= self.intercept_lr * error
        # END SOLUTION
