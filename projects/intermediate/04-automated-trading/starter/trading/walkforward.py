"""Walk-forward training: fit on the past, predict the next block, move on.

The label of bar i looks `horizon` bars ahead (bars i+1 .. i+horizon). A training row
whose label reaches into the test block has seen the test block's prices: it must go
(the purge). Features and labels of neighbouring bars are also correlated, so a further
`embargo` bars before the test block are left out too. Between the last training bar and
the first test bar there are then horizon + embargo bars that nobody learns from.
"""

from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

N_SPLITS = 8
TEST_SIZE = 500  # bars: two years of trading days per test block
EMBARGO = 5  # bars
REGULARISATION = 1.0  # LogisticRegression's C


class FoldModel(NamedTuple):
    """A model fitted for one test block: it may trade from `start` (the block's first bar)."""

    start: pd.Timestamp
    model: Pipeline


def walk_forward_splits(
    n_samples: int,
    n_splits: int = N_SPLITS,
    test_size: int = TEST_SIZE,
    horizon: int = 5,
    embargo: int = EMBARGO,
    max_train_size: int | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield (train, test) arrays of positions for each of `n_splits` folds, oldest first.

    The test blocks are the last n_splits * test_size positions, `test_size` each, back to
    back. For a test block starting at position s, train is every position before
    s - horizon - embargo (purged and embargoed), only the last `max_train_size` of them
    when it is given. The same folds as scikit-learn's
    `TimeSeriesSplit(n_splits, test_size=test_size, gap=horizon + embargo,
    max_train_size=max_train_size)`. Raises ValueError when a fold would have no
    training position.
    """
    raise NotImplementedError(
        "Task 5: test blocks at the end; train stops horizon + embargo before each"
    )


def default_model(seed: int = 1) -> Pipeline:
    """Standardised features into a logistic regression: a small, honest model."""
    return make_pipeline(StandardScaler(), LogisticRegression(C=REGULARISATION, random_state=seed))


def fit_fold_models(
    features: pd.DataFrame,
    labels: pd.Series,
    splits: Iterator[tuple[np.ndarray, np.ndarray]],
    model: Pipeline,
) -> list[FoldModel]:
    """Fit a fresh `clone` of `model` on each fold's training rows (leaving out the rows
    where a feature or the label is NaN); return them with the timestamp of their
    test block's first row, in the order of the folds. Fit on arrays (`to_numpy()`), as the
    live strategy predicts on arrays."""
    raise NotImplementedError("Task 5: a clone per fold, fitted on its complete training rows")


def predict_walk_forward(features: pd.DataFrame, fold_models: list[FoldModel]) -> pd.Series:
    """The probability of a rise (predict_proba's column for label 1) for every row, each
    from the latest fold model whose start is at or before the row's timestamp; NaN before
    the first start and where a feature is NaN."""
    raise NotImplementedError("Task 5: each row from the last model that had started by then")
