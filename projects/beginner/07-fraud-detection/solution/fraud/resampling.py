"""Class weights and random resampling, applied inside the training folds only.

With 0.2% fraud, a learner that minimises the average loss can do well by
ignoring fraud. Two fixes: weigh each fraud more (class weights), or change
the training rows (drop legitimate ones, or repeat fraud ones). Resampling
must only ever touch the rows a model is fitted on: a validation or test set
that is resampled no longer has the fraud share the model will meet, and a
fraud row copied into both training and validation is a leak.
"""

from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn import clone  # SOLUTION
from sklearn.base import BaseEstimator
from sklearn.model_selection import TimeSeriesSplit  # SOLUTION

from fraud.data import FRAUD, LEGIT  # SOLUTION

LEGIT_PER_FRAUD = 20  # undersampling keeps this many legitimate rows per fraud row
OVERSAMPLED_FRAUD_SHARE = 0.05  # oversampling repeats fraud rows until they are this share
N_SPLITS = 4

# A resampler takes the training labels and a random generator and returns the
# positions of the rows to train on (a position may repeat).
Resampler = Callable[[np.ndarray, np.random.Generator], np.ndarray]


def balanced_class_weights(labels: np.ndarray) -> dict[int, float]:
    """Return {LEGIT: w0, FRAUD: w1} with w_c = n_rows / (2 * n_rows_of_class_c).

    Both classes then carry the same total weight, as scikit-learn's
    `class_weight="balanced"` does. Raise ValueError if a class is missing.
    """
    # BEGIN SOLUTION (task 2): count each class; the weight of a class is n / (2 * its count)
    labels = np.asarray(labels)
    counts = {label: int(np.sum(labels == label)) for label in (LEGIT, FRAUD)}
    missing = [label for label, count in counts.items() if count == 0]
    if missing:
        raise ValueError(f"no row of class {missing[0]}: class weights need both classes")
    return {label: len(labels) / (2 * count) for label, count in counts.items()}
    # END SOLUTION


def undersample(
    labels: np.ndarray, rng: np.random.Generator, legit_per_fraud: int = LEGIT_PER_FRAUD
) -> np.ndarray:
    """Return the sorted positions of all fraud rows and a random subset of the legitimate ones.

    Keep `legit_per_fraud` legitimate rows per fraud row (all of them if there
    are fewer), drawn without replacement with `rng`. With no fraud at all,
    return every position: there is nothing to balance.
    """
    # BEGIN SOLUTION (task 2): keep every fraud, draw legit rows without replacement, sort
    labels = np.asarray(labels)
    fraud = np.flatnonzero(labels == FRAUD)
    legit = np.flatnonzero(labels != FRAUD)
    if fraud.size == 0:
        return np.arange(len(labels))
    keep = min(legit.size, legit_per_fraud * fraud.size)
    return np.sort(np.concatenate([fraud, rng.choice(legit, size=keep, replace=False)]))
    # END SOLUTION


def oversample(
    labels: np.ndarray,
    rng: np.random.Generator,
    fraud_share: float = OVERSAMPLED_FRAUD_SHARE,
) -> np.ndarray:
    """Return the sorted positions of every row plus random repeats of fraud rows.

    Add fraud rows drawn with replacement with `rng` until fraud is (as near
    as a whole number of rows allows, rounding down) `fraud_share` of the
    result: n_fraud_total = floor(fraud_share * n_legit / (1 - fraud_share)).
    Never remove a row; add none if fraud is already that common or absent.
    """
    # BEGIN SOLUTION (task 2): work out how many fraud rows to add, draw them with replacement
    labels = np.asarray(labels)
    fraud = np.flatnonzero(labels == FRAUD)
    n_legit = len(labels) - fraud.size
    extra = int(np.floor(fraud_share * n_legit / (1 - fraud_share))) - fraud.size
    if fraud.size == 0 or extra <= 0:
        return np.arange(len(labels))
    repeats = rng.choice(fraud, size=extra, replace=True)
    return np.sort(np.concatenate([np.arange(len(labels)), repeats]))
    # END SOLUTION


def out_of_time_scores(
    model: BaseEstimator,
    features: pd.DataFrame,
    labels: np.ndarray,
    resample: Resampler | None = None,
    n_splits: int = N_SPLITS,
    seed: int = 0,
) -> np.ndarray:
    """Score every row with a model fitted only on earlier rows, resampling the fit rows only.

    `features` and `labels` are in time order. Walk the folds of
    `TimeSeriesSplit(n_splits)`: for each, pick the rows to fit on with
    `resample(training_labels, rng)` (all training rows when `resample` is
    None), fit a fresh `clone(model)` on them, and store its fraud
    probability (`predict_proba(...)[:, 1]`) for each validation row,
    untouched. Return one score per row: NaN for the first block, which no
    fold validates. `rng` is `np.random.default_rng(seed)`, made once.
    """
    # BEGIN SOLUTION (task 2): per TimeSeriesSplit fold: resample train rows, fit a clone, score val
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    scores = np.full(len(labels), np.nan)
    for train, validation in TimeSeriesSplit(n_splits=n_splits).split(features):
        rows = train if resample is None else train[resample(labels[train], rng)]
        fitted = clone(model).fit(features.iloc[rows], labels[rows])
        scores[validation] = fitted.predict_proba(features.iloc[validation])[:, 1]
    return scores
    # END SOLUTION
