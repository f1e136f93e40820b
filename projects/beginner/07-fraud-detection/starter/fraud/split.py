"""Split a transaction log by time, and see why accuracy says nothing here.

A fraud model is trained on the past and judged on the future, so it must be
tested that way: a random split scatters the rows of one card-testing burst
over both sides and lets the model recognise, in the test rows, the very
attack it was trained on. And with 0.2% fraud, a "model" that approves every
payment is 99.8% accurate while it catches nothing.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

TEST_SHARE = 0.2  # the last fifth of the log, by time, is the test split
VALIDATION_SHARE = 0.25  # then the last quarter of what is left validates


@dataclass(frozen=True)
class BaselineScores:
    """How a model that always predicts one class does on the test labels."""

    predicted_class: int
    accuracy: float
    fraud_recall: float


def time_split(
    transactions: pd.DataFrame, test_share: float = TEST_SHARE
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split `transactions` at a cutoff time into (earlier, later), both sorted by time.

    The cutoff is the `timestamp` of the row at position
    `floor(len * (1 - test_share))` of the log sorted by time: rows strictly
    before it are the first part, rows at or after it the second, so payments
    at the same second never straddle the cutoff and every time in the first
    part is earlier than every time in the second. Rows at the same time keep
    their order in `transactions`. No row is lost or copied, and the index of
    `transactions` is kept. Raise ValueError when
    `test_share` is not strictly between 0 and 1, when there is no
    `timestamp` column (name it in the message), or when either part would be
    empty.
    """
    raise NotImplementedError(
        "Task 1: check the input, sort by time (stable), cut at one timestamp"
    )


def majority_baseline(train_labels: np.ndarray, test_labels: np.ndarray) -> BaselineScores:
    """Score the model that predicts the most common training label for every test row.

    `fraud_recall` is the share of the test's fraud (label FRAUD) that it
    predicts as fraud; 0.0 when the test has no fraud.
    """
    raise NotImplementedError(
        "Task 1: find the training majority, compare it with every test label"
    )
